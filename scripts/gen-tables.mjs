#!/usr/bin/env node
/**
 * Generates the KMIP tag, enumeration, bit-mask and attribute-definition tables
 * from the OASIS specifications (HTML, windows-1252, as published):
 *
 *   KMIP 1.4 §3 (attributes), §9.1.3.1 (tags), §9.1.3.2 (enumerations), §9.1.3.3 (bit masks)
 *   KMIP 2.1 §4 (attributes), §11.56 (tags), §11 (enumerations), §12 (bit masks)
 *
 * The two are merged (KMIP never reuses a tag or an enumeration value; 2.x marks
 * retired 1.x items "(Reserved)", so the 1.x name is kept for those).
 *
 * Names follow the KMIP Profiles XML/JSON "Normalizing Names" rule (see `normalize`).
 *
 * Only the regions between "// BEGIN GENERATED" and "// END GENERATED" in the
 * output files are rewritten; the hand-written code around them is kept.
 *
 * Usage: node scripts/gen-tables.mjs [specDir]   (default /work/shared/kmip/spec)
 * then:  npx biome format --write src/ttlv/tags.ts src/ttlv/enums.ts src/ttlv/masks.ts src/kmip/attribute-defs.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const specDir = process.argv[2] ?? "/work/shared/kmip/spec";

// ---------------------------------------------------------------------------
// HTML -> flat list of headings and tables (Word-generated HTML: no nesting we need)

const entities = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function cellText(s) {
  return s
    .replace(/<\/p>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e) => {
      if (e[0] === "#") {
        return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      }
      return entities[e.toLowerCase()] ?? m;
    })
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/** @returns {Array<{h:number,text:string}|{rows:string[][]}>} */
function parseDoc(file) {
  const html = new TextDecoder("windows-1252").decode(readFileSync(file));
  const re = /<(\/?)(h[1-6]|table|tr|td|th)\b[^>]*>/gi;
  const out = [];
  let depth = 0;
  let hStart = -1;
  let hLevel = 0;
  let table = null;
  let row = null;
  let cellStart = -1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const close = m[1] === "/";
    const t = m[2].toLowerCase();
    if (t[0] === "h") {
      if (!close) {
        hStart = re.lastIndex;
        hLevel = Number(t[1]);
      } else if (hStart >= 0) {
        out.push({ h: hLevel, text: cellText(html.slice(hStart, m.index)) });
        hStart = -1;
      }
    } else if (t === "table") {
      if (!close) {
        depth++;
        if (depth === 1) table = [];
      } else {
        if (depth === 1 && table) out.push({ rows: table });
        depth--;
      }
    } else if (depth === 1) {
      if (t === "tr") {
        if (!close) row = [];
        else if (row) {
          table.push(row);
          row = null;
        }
      } else if (!close) cellStart = re.lastIndex;
      else if (row && cellStart >= 0) {
        row.push(cellText(html.slice(cellStart, m.index)));
        cellStart = -1;
      }
    }
  }
  return out;
}

/** Sections: heading number, title, level, and the tables directly under it (before any sub-heading). */
function sections(doc) {
  const secs = [];
  let cur = null;
  for (const item of doc) {
    if ("h" in item) {
      const m = /^(\d+(?:\.\d+)*)\s+(.*)$/.exec(item.text);
      cur = { num: m ? m[1] : "", title: m ? m[2].trim() : item.text, level: item.h, tables: [] };
      secs.push(cur);
    } else if (cur) cur.tables.push(item.rows);
  }
  return secs;
}

// ---------------------------------------------------------------------------
// KMIP Profiles, "Normalizing Names" (XML and JSON encodings):
//  1. Replace round brackets '(' ')' with spaces.
//  2. A non-word char (not letter, digit or underscore) followed by a letter and
//     then a lower-case letter is replaced by a space ("Pre-Active" -> "Pre Active",
//     "MAC/sign" -> "MAC sign").
//  3. Remaining non-word chars (except whitespace) become '_' ("SHA-256" -> "SHA_256",
//     "X.509" -> "X_509", "PKCS#1" -> "PKCS_1", "HMAC-SHA256" -> "HMAC_SHA256").
//  4. If the first word begins with digits, they move to the end of that word ("3DES" -> "DES3").
//  5. Capitalise the first letter of each word; 6. join the words.

export function normalize(name) {
  let s = name.replace(/[()]/g, " ");
  s = s.replace(/[^A-Za-z0-9_\s](?=[A-Za-z][a-z])/g, " ");
  s = s.replace(/[^A-Za-z0-9_\s]/g, "_");
  const words = s.trim().split(/\s+/);
  const first = /^(\d+)(.*)$/.exec(words[0] ?? "");
  if (first?.[2]) words[0] = first[2] + first[1];
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}

const isPlaceholder = (name) => /^\(?(reserved|unused)\)?$/i.test(name) || /^extensions?$/i.test(name);

// ---------------------------------------------------------------------------
// Extraction

const spec14 = sections(parseDoc(join(specDir, "kmip-spec-v1.4-os.html")));
const spec21 = sections(parseDoc(join(specDir, "kmip-spec-v2.1-os.html")));

function section(secs, num, title) {
  const s = secs.find((x) => x.num === num && (!title || x.title === title));
  if (!s) throw new Error(`section ${num} ${title ?? ""} not found`);
  return s;
}

/** Rows of the "Name | Value" table(s) of a section, after the header row. */
function nameValueRows(sec) {
  const rows = [];
  for (const t of sec.tables) {
    const hi = t.findIndex((r) => r.length >= 2 && r[0] === "Name" && r[1] === "Value");
    if (hi >= 0) rows.push(...t.slice(hi + 1));
  }
  return rows;
}

function tags(sec) {
  const out = [];
  for (const t of sec.tables) {
    for (const r of t) {
      const m = /^(?:0x)?(42[0-9A-F]{4})\b(.*)$/i.exec(r[1] ?? "");
      if (!m || isPlaceholder(r[0])) continue;
      out.push({ spec: r[0], value: parseInt(m[1], 16), note: m[2].trim() });
    }
  }
  return out;
}

/** @returns {{spec:string,value:number,note:string}[]} */
function enumRows(sec, valueRe = /^(?:0x)?([0-9A-F]{8})\b\s*(.*)$/i) {
  const out = [];
  for (const r of nameValueRows(sec)) {
    const m = valueRe.exec(r[1] ?? "");
    if (!m || isPlaceholder(r[0])) continue;
    out.push({ spec: r[0], value: parseInt(m[1], 16), note: m[2].trim() });
  }
  return out;
}

// Tags ------------------------------------------------------------------------
const tagList = new Map(); // value -> { name, aliases:Set, spec, note, v14, v21 }
function addTag(t, ver) {
  const name = normalize(t.spec);
  const cur = tagList.get(t.value);
  if (!cur) {
    tagList.set(t.value, { name, aliases: new Set(), spec: t.spec, note: t.note, versions: new Set([ver]) });
  } else {
    cur.versions.add(ver);
    if (cur.name !== name) {
      // later spec wins the primary name; the older one stays accepted
      cur.aliases.add(cur.name);
      cur.name = name;
      cur.spec = t.spec;
    }
    if (t.note) cur.note = t.note;
  }
}
for (const t of tags(section(spec14, "9.1.3.1", "Tags"))) addTag(t, "1.4");
for (const t of tags(section(spec21, "11.56", "Tag Enumeration"))) addTag(t, "2.1");

// Enumerations ----------------------------------------------------------------
const enumDefs = new Map(); // name -> { name, title, refs:[], members: Map<value,{name,aliases,spec,note}> }
function addEnum(sec, ver, kind) {
  const title = sec.title.replace(/ Enumeration$/, "");
  const name = normalize(title);
  let def = enumDefs.get(name);
  if (!def) {
    def = { name, title, refs: [], members: new Map(), kind };
    enumDefs.set(name, def);
  }
  def.refs.push(`KMIP ${ver} §${sec.num}`);
  for (const r of enumRows(sec)) {
    const mName = normalize(r.spec);
    const cur = def.members.get(r.value);
    if (!cur) def.members.set(r.value, { name: mName, aliases: new Set(), spec: r.spec, note: r.note });
    else if (cur.name !== mName) {
      cur.aliases.add(cur.name);
      cur.name = mName;
      cur.spec = r.spec;
    }
  }
  if (def.members.size === 0) console.warn(`note: ${ver} §${sec.num} ${sec.title} defines only extensions`);
}
for (const s of spec14) if (/^9\.1\.3\.2\.\d+$/.test(s.num)) addEnum(s, "1.4", "enum");
for (const s of spec21) if (/^11\.\d+$/.test(s.num) && s.title !== "Tag Enumeration") addEnum(s, "2.1", "enum");

/**
 * KMIP 2.1 §11.38/§11.39 define PKCS#11 Function and Return Code by reference only:
 * "the 1-based offset count of the function in the CK_FUNCTION_LIST_3_0 structure"
 * and "the CK_RV values" of [PKCS#11] v3.0. The vectors name them "C_Initialize" and
 * "OK" (the CKR_ prefix dropped); the CKR_ spelling is accepted as an alias.
 */
const pkcs11Functions = [
  "C_Initialize", "C_Finalize", "C_GetInfo", "C_GetFunctionList", "C_GetSlotList", "C_GetSlotInfo",
  "C_GetTokenInfo", "C_GetMechanismList", "C_GetMechanismInfo", "C_InitToken", "C_InitPIN", "C_SetPIN",
  "C_OpenSession", "C_CloseSession", "C_CloseAllSessions", "C_GetSessionInfo", "C_GetOperationState",
  "C_SetOperationState", "C_Login", "C_Logout", "C_CreateObject", "C_CopyObject", "C_DestroyObject",
  "C_GetObjectSize", "C_GetAttributeValue", "C_SetAttributeValue", "C_FindObjectsInit", "C_FindObjects",
  "C_FindObjectsFinal", "C_EncryptInit", "C_Encrypt", "C_EncryptUpdate", "C_EncryptFinal", "C_DecryptInit",
  "C_Decrypt", "C_DecryptUpdate", "C_DecryptFinal", "C_DigestInit", "C_Digest", "C_DigestUpdate", "C_DigestKey",
  "C_DigestFinal", "C_SignInit", "C_Sign", "C_SignUpdate", "C_SignFinal", "C_SignRecoverInit", "C_SignRecover",
  "C_VerifyInit", "C_Verify", "C_VerifyUpdate", "C_VerifyFinal", "C_VerifyRecoverInit", "C_VerifyRecover",
  "C_DigestEncryptUpdate", "C_DecryptDigestUpdate", "C_SignEncryptUpdate", "C_DecryptVerifyUpdate",
  "C_GenerateKey", "C_GenerateKeyPair", "C_WrapKey", "C_UnwrapKey", "C_DeriveKey", "C_SeedRandom",
  "C_GenerateRandom", "C_GetFunctionStatus", "C_CancelFunction", "C_WaitForSlotEvent",
  // PKCS#11 v3.0 additions
  "C_GetInterfaceList", "C_GetInterface", "C_LoginUser", "C_SessionCancel", "C_MessageEncryptInit",
  "C_EncryptMessage", "C_EncryptMessageBegin", "C_EncryptMessageNext", "C_MessageEncryptFinal",
  "C_MessageDecryptInit", "C_DecryptMessage", "C_DecryptMessageBegin", "C_DecryptMessageNext",
  "C_MessageDecryptFinal", "C_MessageSignInit", "C_SignMessage", "C_SignMessageBegin", "C_SignMessageNext",
  "C_MessageSignFinal", "C_MessageVerifyInit", "C_VerifyMessage", "C_VerifyMessageBegin",
  "C_VerifyMessageNext", "C_MessageVerifyFinal",
];
const pkcs11ReturnCodes = [
  [0x0, "OK"], [0x1, "CANCEL"], [0x2, "HOST_MEMORY"], [0x3, "SLOT_ID_INVALID"], [0x5, "GENERAL_ERROR"],
  [0x6, "FUNCTION_FAILED"], [0x7, "ARGUMENTS_BAD"], [0x8, "NO_EVENT"], [0x9, "NEED_TO_CREATE_THREADS"],
  [0xa, "CANT_LOCK"], [0x10, "ATTRIBUTE_READ_ONLY"], [0x11, "ATTRIBUTE_SENSITIVE"],
  [0x12, "ATTRIBUTE_TYPE_INVALID"], [0x13, "ATTRIBUTE_VALUE_INVALID"], [0x1b, "ACTION_PROHIBITED"],
  [0x20, "DATA_INVALID"], [0x21, "DATA_LEN_RANGE"], [0x30, "DEVICE_ERROR"], [0x31, "DEVICE_MEMORY"],
  [0x32, "DEVICE_REMOVED"], [0x40, "ENCRYPTED_DATA_INVALID"], [0x41, "ENCRYPTED_DATA_LEN_RANGE"],
  [0x42, "AEAD_DECRYPT_FAILED"], [0x50, "FUNCTION_CANCELED"], [0x51, "FUNCTION_NOT_PARALLEL"],
  [0x54, "FUNCTION_NOT_SUPPORTED"], [0x60, "KEY_HANDLE_INVALID"], [0x62, "KEY_SIZE_RANGE"],
  [0x63, "KEY_TYPE_INCONSISTENT"], [0x64, "KEY_NOT_NEEDED"], [0x65, "KEY_CHANGED"], [0x66, "KEY_NEEDED"],
  [0x67, "KEY_INDIGESTIBLE"], [0x68, "KEY_FUNCTION_NOT_PERMITTED"], [0x69, "KEY_NOT_WRAPPABLE"],
  [0x6a, "KEY_UNEXTRACTABLE"], [0x70, "MECHANISM_INVALID"], [0x71, "MECHANISM_PARAM_INVALID"],
  [0x82, "OBJECT_HANDLE_INVALID"], [0x90, "OPERATION_ACTIVE"], [0x91, "OPERATION_NOT_INITIALIZED"],
  [0xa0, "PIN_INCORRECT"], [0xa1, "PIN_INVALID"], [0xa2, "PIN_LEN_RANGE"], [0xa3, "PIN_EXPIRED"],
  [0xa4, "PIN_LOCKED"], [0xb0, "SESSION_CLOSED"], [0xb1, "SESSION_COUNT"], [0xb3, "SESSION_HANDLE_INVALID"],
  [0xb4, "SESSION_PARALLEL_NOT_SUPPORTED"], [0xb5, "SESSION_READ_ONLY"], [0xb6, "SESSION_EXISTS"],
  [0xb7, "SESSION_READ_ONLY_EXISTS"], [0xb8, "SESSION_READ_WRITE_SO_EXISTS"], [0xc0, "SIGNATURE_INVALID"],
  [0xc1, "SIGNATURE_LEN_RANGE"], [0xd0, "TEMPLATE_INCOMPLETE"], [0xd1, "TEMPLATE_INCONSISTENT"],
  [0xe0, "TOKEN_NOT_PRESENT"], [0xe1, "TOKEN_NOT_RECOGNIZED"], [0xe2, "TOKEN_WRITE_PROTECTED"],
  [0xf0, "UNWRAPPING_KEY_HANDLE_INVALID"], [0xf1, "UNWRAPPING_KEY_SIZE_RANGE"],
  [0xf2, "UNWRAPPING_KEY_TYPE_INCONSISTENT"], [0x100, "USER_ALREADY_LOGGED_IN"], [0x101, "USER_NOT_LOGGED_IN"],
  [0x102, "USER_PIN_NOT_INITIALIZED"], [0x103, "USER_TYPE_INVALID"], [0x104, "USER_ANOTHER_ALREADY_LOGGED_IN"],
  [0x105, "USER_TOO_MANY_TYPES"], [0x110, "WRAPPED_KEY_INVALID"], [0x112, "WRAPPED_KEY_LEN_RANGE"],
  [0x113, "WRAPPING_KEY_HANDLE_INVALID"], [0x114, "WRAPPING_KEY_SIZE_RANGE"],
  [0x115, "WRAPPING_KEY_TYPE_INCONSISTENT"], [0x120, "RANDOM_SEED_NOT_SUPPORTED"], [0x121, "RANDOM_NO_RNG"],
  [0x130, "DOMAIN_PARAMS_INVALID"], [0x140, "CURVE_NOT_SUPPORTED"], [0x150, "BUFFER_TOO_SMALL"],
  [0x160, "SAVED_STATE_INVALID"], [0x170, "INFORMATION_SENSITIVE"], [0x180, "STATE_UNSAVEABLE"],
  [0x190, "CRYPTOKI_NOT_INITIALIZED"], [0x191, "CRYPTOKI_ALREADY_INITIALIZED"], [0x1a0, "MUTEX_BAD"],
  [0x1a1, "MUTEX_NOT_LOCKED"], [0x1b0, "NEW_PIN_MODE"], [0x1b1, "NEXT_OTP"], [0x1b5, "EXCEEDED_MAX_ITERATIONS"],
  [0x1b6, "FIPS_SELF_TEST_FAILED"], [0x1b7, "LIBRARY_LOAD_FAILED"], [0x1b8, "PIN_TOO_WEAK"],
  [0x1b9, "PUBLIC_KEY_INVALID"], [0x200, "FUNCTION_REJECTED"], [0x201, "TOKEN_RESOURCE_EXCEEDED"],
  [0x202, "OPERATION_CANCEL_FAILED"],
];
{
  const fn = enumDefs.get("PKCS_11Function");
  fn.refs.push("PKCS#11 v3.0 CK_FUNCTION_LIST_3_0");
  pkcs11Functions.forEach((f, i) => fn.members.set(i + 1, { name: f, aliases: new Set(), spec: f, note: "" }));
  const rc = enumDefs.get("PKCS_11ReturnCode");
  rc.refs.push("PKCS#11 v3.0 CK_RV");
  for (const [v, n] of pkcs11ReturnCodes) {
    rc.members.set(v, { name: n, aliases: new Set([`CKR_${n}`]), spec: `CKR_${n}`, note: "" });
  }
}

/**
 * Where the two specs spell a value differently, the later one is primary unless the
 * official test vectors use the other ("MFG1" in 2.1 §11.30 is a typo for MGF1).
 */
const preferredNames = { MaskGenerator: ["MGF1"] };
for (const [en, names] of Object.entries(preferredNames)) {
  for (const m of enumDefs.get(en).members.values()) {
    const want = names.find((n) => m.aliases.has(n));
    if (want) {
      m.aliases.delete(want);
      m.aliases.add(m.name);
      m.name = want;
    }
  }
}

// Bit masks ---------------------------------------------------------------------
const maskDefs = new Map();
function addMask(sec, ver) {
  const name = normalize(sec.title);
  let def = maskDefs.get(name);
  if (!def) {
    def = { name, title: sec.title, refs: [], members: new Map() };
    maskDefs.set(name, def);
  }
  def.refs.push(`KMIP ${ver} §${sec.num}`);
  for (const r of enumRows(sec)) {
    const mName = normalize(r.spec);
    const cur = def.members.get(r.value);
    if (!cur) def.members.set(r.value, { name: mName, aliases: new Set(), spec: r.spec, note: r.note });
    else if (cur.name !== mName) {
      cur.aliases.add(cur.name);
      cur.name = mName;
    }
  }
}
for (const s of spec14) if (/^9\.1\.3\.3\.\d+$/.test(s.num)) addMask(s, "1.4");
for (const s of spec21) if (/^12\.\d+$/.test(s.num)) addMask(s, "2.1");
// Short form of "Content Commitment (Non Repudiation)", as other KMIP implementations spell it.
maskDefs.get("CryptographicUsageMask").members.get(0x400).aliases.add("ContentCommitment");

// Item types per tag ----------------------------------------------------------
const typeWords = [
  ["Structure", "Structure"],
  ["Long Integer", "LongInteger"],
  ["Big Integer", "BigInteger"],
  ["Integer", "Integer"],
  ["Enumeration", "Enumeration"],
  ["Boolean", "Boolean"],
  ["Text String", "TextString"],
  ["Byte String", "ByteString"],
  ["Date-Time Extended", "DateTimeExtended"],
  ["Date Time Extended", "DateTimeExtended"],
  ["Date-Time", "DateTime"],
  ["Date Time", "DateTime"],
  ["Interval", "Interval"],
];
/** All item types mentioned in an encoding cell, in order ("Text String, Enumeration or Integer"). */
function typesIn(enc) {
  const found = [];
  let rest = enc.replace(/,?\s*see .*$/i, "");
  for (;;) {
    rest = rest.replace(/^[\s,/]*(or\s+)?/i, "");
    const hit = typeWords.find(([w]) => rest.startsWith(w));
    if (!hit) break;
    if (!found.includes(hit[1])) found.push(hit[1]);
    rest = rest.slice(hit[0].length).replace(/^\s*\([^)]*\)/, "");
  }
  return found;
}
const tagTypes = new Map(); // normalized tag name -> Set<type>
function noteType(name, enc) {
  const ts = typesIn(enc);
  if (ts.length === 0) return;
  const key = normalize(name.replace(/\s*\(.*\)$/, ""));
  let set = tagTypes.get(key);
  if (!set) tagTypes.set(key, (set = new Set()));
  for (const t of ts) set.add(t);
}
for (const secs of [spec14, spec21]) {
  for (const s of secs) {
    for (const t of s.tables) {
      for (const r of t) {
        if (r.length < 2 || !r[0]) continue;
        noteType(r[0], r[1]);
        if (r.length >= 3 && /^[\d.,\s]+$/.test(r[1])) noteType(r[0], r[2]); // 1.4 tag cross-reference
      }
    }
  }
}
/** "Enumeration (Tag)"-style hints: which enumeration a tag uses when not the same-named one. */
const enumForTag = new Map([
  ["MaskGeneratorHashingAlgorithm", "HashingAlgorithm"],
  ["AttributeReference", "Tag"],
  ["ExtensionType", "ItemType"],
  ["LinkedObjectIdentifier", "UniqueIdentifier"],
  // 2.1 lists a "Tag" tag (0x420138) without an encoding; read as "Enumeration (Tag)" like Attribute Reference
  ["Tag", "Tag"],
]);
const byTagName = new Map([...tagList.values()].map((t) => [t.name, t]));
const enumTags = []; // [tagName, enumName]
const problems = [];
for (const t of [...tagList.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
  const types = tagTypes.get(t.name) ?? new Set();
  const hinted = enumForTag.get(t.name);
  const target = hinted !== undefined ? hinted : enumDefs.has(t.name) ? t.name : undefined;
  if (target === null) continue;
  if (target && (target === "Tag" || enumDefs.has(target))) {
    if (types.has("Enumeration") || enumDefs.has(t.name) || hinted) enumTags.push([t.name, target]);
  } else if (types.has("Enumeration")) problems.push(`tag ${t.name} is typed Enumeration but has no table`);
}
// Masks by tag
const maskTags = [];
for (const t of tagList.values()) if (maskDefs.has(t.name)) maskTags.push([t.name, t.name]);

// Attributes --------------------------------------------------------------------
const ruleKeys = {
  "SHALL always have a value": "alwaysHasValue",
  "Initially set by": "initiallySetBy",
  "Modifiable by server": "serverModifiable",
  "Modifiable by client": "clientModifiable",
  "Deletable by client": "clientDeletable",
  "Multiple instances permitted": "multiInstance",
  "When implicitly set": "implicitlySet",
  "Applies to Object Types": "appliesTo",
};
function attributeSections(secs, chapter) {
  return secs.filter((s) => s.level === 2 && s.num.startsWith(`${chapter}.`));
}
/** The encoding cell of an "Item | Encoding" row (some rows leave column 2 empty and use column 3). */
const encodingOf = (r) => r.slice(1).find((c) => typesIn(c).length > 0) ?? r[1];
function readAttrs(secs, chapter, ver) {
  const out = [];
  for (const s of attributeSections(secs, chapter)) {
    const rows = s.tables.flat();
    const rules = {};
    const enc = [];
    for (const r of rows) {
      const k = ruleKeys[r[0]];
      if (k && r[1] !== undefined && !(k in rules)) rules[k] = r[1];
      else if (r.length >= 2 && typesIn(encodingOf(r)).length > 0) enc.push([r[0], encodingOf(r)]);
      else if (r.length >= 2 && (/^(Any data type|Varies)/i.test(r[1]) || r[0] === s.title)) enc.push(r);
    }
    if (!rules.initiallySetBy) continue; // e.g. an introduction section
    let items;
    if (s.title === "Certificate Attributes") items = enc.map((r) => [r[0], r[1]]);
    else if (s.title === "Custom Attribute" || s.title === "Vendor Attribute") items = [[s.title, "Structure", "Attribute"]];
    else {
      // the attribute's own row; failing that, its encoding wherever else the spec gives it
      const own = enc.find((r) => r[0] === s.title) ?? enc[0];
      const elsewhere = [...(tagTypes.get(normalize(s.title)) ?? [])][0];
      if (!own && !elsewhere) throw new Error(`no encoding row in ${ver} §${s.num} ${s.title}`);
      items = [[s.title, own ? own[1] : typeWords.find((w) => w[1] === elsewhere)[0]]];
    }
    for (const [name, encoding, tagName] of items) {
      const tn = tagName ?? normalize(name);
      const tag = byTagName.get(tn);
      if (!tag) throw new Error(`attribute ${name} (${tn}) has no tag`);
      // "RNG Parameters (see 2.1.18)": a named structure
      const type = typesIn(encoding)[0] ?? (/parameters|structure/i.test(encoding) ? "Structure" : undefined);
      if (!type) throw new Error(`attribute ${name}: no type in "${encoding}"`);
      out.push({ name, tagName: tn, type, rules, ref: `KMIP ${ver} §${s.num}` });
    }
  }
  return out;
}
const attrs14 = readAttrs(spec14, "3", "1.4");
const attrs21 = readAttrs(spec21, "4", "2.1");

/** Version history the specs do not state per attribute (KMIP 1.0-1.4 and 2.0 change logs). */
const since = {
  CertificateLength: "1.1",
  X_509CertificateIdentifier: "1.1",
  X_509CertificateSubject: "1.1",
  X_509CertificateIssuer: "1.1",
  DigitalSignatureAlgorithm: "1.1",
  Fresh: "1.1",
  AlternativeName: "1.2",
  KeyValuePresent: "1.2",
  KeyValueLocation: "1.2",
  OriginalCreationDate: "1.2",
  RandomNumberGenerator: "1.3",
  PKCS_12FriendlyName: "1.4",
  Description: "1.4",
  Comment: "1.4",
  Sensitive: "1.4",
  AlwaysSensitive: "1.4",
  Extractable: "1.4",
  NeverExtractable: "1.4",
};
/** Attributes added in KMIP 2.1 (2.1 revision history: "Rotate" proposal); other 2.x-only ones are 2.0. */
const added21 = new Set([
  "RotateInterval",
  "RotateAutomatic",
  "RotateOffset",
  "RotateDate",
  "RotateGeneration",
  "RotateName",
  "RotateLatest",
]);

const yes = (s) => /^yes/i.test(s ?? "");
function setBy(s) {
  const c = /client/i.test(s);
  const v = /server/i.test(s);
  return c && v ? "both" : c ? "client" : "server";
}
const attributes = [];
const names21 = new Set(attrs21.map((a) => a.name));
for (const a of attrs14) {
  const later = attrs21.find((b) => b.name === a.name || b.tagName === a.tagName);
  const src = later ?? a;
  attributes.push({
    name: a.name,
    tagName: a.tagName,
    type: src.type,
    rules: src.rules,
    refs: later ? [a.ref, later.ref] : [a.ref],
    since: since[a.tagName] ?? "1.0",
    until: later ? undefined : "2.0",
  });
}
for (const b of attrs21) {
  if (attributes.some((a) => a.name === b.name || (a.tagName === b.tagName && a.name !== "Custom Attribute"))) continue;
  attributes.push({
    name: b.name,
    tagName: b.tagName,
    type: b.type,
    rules: b.rules,
    refs: [b.ref],
    since: added21.has(b.tagName) ? "2.1" : "2.0",
    until: undefined,
  });
}
void names21;
// KMIP 2.1 §4.60 Vendor Attribute has no rules table: it takes over from the 1.x Custom
// Attribute (1.4 §3.39), whose rules are used.
{
  const custom = attributes.find((a) => a.name === "Custom Attribute");
  const sec = spec21.find((x) => x.title === "Vendor Attribute");
  const ref = `KMIP 2.1 §${sec.num} (rules of ${custom.refs[0]} Custom Attribute)`;
  attributes.push({ ...custom, name: "Vendor Attribute", refs: [ref], since: "2.0", until: undefined });
}
/**
 * "Initially set by: Server" attributes the server nevertheless takes from the creation
 * request ("SHALL be set by the server when the object is created or registered"): the
 * client gives them in Create / Create Key Pair / Register / Derive Key, never later.
 */
const fromCreationRequest = new Set(["Cryptographic Algorithm", "Cryptographic Length"]);

if (problems.length) {
  console.error(problems.join("\n"));
  process.exitCode = 1;
}

// ---------------------------------------------------------------------------
// Emit

const hex = (v, w) => `0x${v.toString(16).toUpperCase().padStart(w, "0")}`;
const q = (s) => JSON.stringify(s);

function replaceRegion(rel, body) {
  const file = join(root, rel);
  const text = readFileSync(file, "utf8");
  const a = text.indexOf("// BEGIN GENERATED");
  const b = text.indexOf("// END GENERATED");
  if (a < 0 || b < a) throw new Error(`${rel}: generated-region markers missing`);
  const head = text.slice(0, text.indexOf("\n", a) + 1);
  writeFileSync(file, `${head}${body}${text.slice(b)}`);
  console.log(`wrote ${rel}`);
}

// tags.ts
{
  const entries = [...tagList.entries()].sort((x, y) => x[0] - y[0]);
  const lines = ["export const Tag = {"];
  for (const [v, t] of entries) {
    const note = t.note ? ` (${t.note.replace(/^\(|\)$/g, "")})` : "";
    const onlyIn = t.versions.size === 1 ? [...t.versions][0] : "";
    const only = onlyIn === "1.4" ? " [KMIP 1.x only: (Reserved) in 2.x]" : onlyIn === "2.1" ? " [KMIP 2.x]" : "";
    lines.push(`  /** ${t.spec}${note}${only} */`);
    lines.push(`  ${t.name}: ${hex(v, 6)},`);
    for (const al of t.aliases) lines.push(`  /** Also accepted for ${t.name}. */`, `  ${al}: ${hex(v, 6)},`);
  }
  lines.push("} as const;", "");
  lines.push("/** Tags whose alias keys in `Tag` are earlier spellings; `tagName` returns the primary name. */");
  const al = entries.flatMap(([, t]) => [...t.aliases]);
  lines.push(`const tagAliases: ReadonlySet<string> = new Set<string>([${al.map(q).join(", ")}]);`, "");
  replaceRegion("src/ttlv/tags.ts", lines.join("\n"));
}

// enums.ts
{
  const lines = [];
  const consts = [];
  for (const def of [...enumDefs.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const constName = def.name === "ItemType" ? "ItemTypeEnum" : def.name;
    consts.push([def.name, constName]);
    lines.push(`/** ${def.title} Enumeration (${def.refs.join(", ")}). */`);
    lines.push(`export const ${constName} = {`);
    for (const [v, m] of [...def.members.entries()].sort((x, y) => x[0] - y[0])) {
      const note = m.note ? ` ${m.note}` : "";
      lines.push(`  /** ${m.spec}${note} */`, `  ${m.name}: ${hex(v, 8)},`);
      for (const a of m.aliases) lines.push(`  /** Also accepted for ${m.name}. */`, `  ${a}: ${hex(v, 8)},`);
    }
    lines.push("} as const;", "");
  }
  lines.push("/** Every enumeration, keyed by its normalized name, with the alias member names per table. */");
  lines.push("const definitions: ReadonlyArray<readonly [string, Readonly<Record<string, number>>, readonly string[]]> = [");
  for (const [name, constName] of consts) {
    const def = enumDefs.get(name);
    const aliases = [...def.members.values()].flatMap((m) => [...m.aliases]);
    lines.push(`  [${q(name)}, ${constName}, [${aliases.map(q).join(", ")}]],`);
  }
  lines.push("];", "");
  lines.push("/** Tags whose value is an Enumeration, and the table it draws from. */");
  lines.push("const enumerationTags: ReadonlyArray<readonly [number, string]> = [");
  for (const [tn, en] of enumTags) lines.push(`  [Tag.${tn}, ${q(en)}],`);
  lines.push("];", "");
  replaceRegion("src/ttlv/enums.ts", lines.join("\n"));
}

// masks.ts
{
  const lines = [];
  const consts = [];
  for (const def of maskDefs.values()) {
    consts.push(def.name);
    lines.push(`/** ${def.title} (${def.refs.join(", ")}). */`);
    lines.push(`export const ${def.name} = {`);
    for (const [v, m] of [...def.members.entries()].sort((x, y) => x[0] - y[0])) {
      lines.push(`  /** ${m.spec} */`, `  ${m.name}: ${hex(v, 8)},`);
      for (const a of m.aliases) lines.push(`  /** Also accepted for ${m.name}. */`, `  ${a}: ${hex(v, 8)},`);
    }
    lines.push("} as const;", "");
  }
  lines.push("const definitions: ReadonlyArray<readonly [string, Readonly<Record<string, number>>, readonly string[]]> = [");
  for (const name of consts) {
    const def = maskDefs.get(name);
    const aliases = [...def.members.values()].flatMap((m) => [...m.aliases]);
    lines.push(`  [${q(name)}, ${name}, [${aliases.map(q).join(", ")}]],`);
  }
  lines.push("];", "");
  lines.push("/** Integer tags whose value is one of the masks above. */");
  lines.push("const maskTags: ReadonlyArray<readonly [number, string]> = [");
  for (const [tn, mn] of maskTags) lines.push(`  [Tag.${tn}, ${q(mn)}],`);
  lines.push("];", "");
  replaceRegion("src/ttlv/masks.ts", lines.join("\n"));
}

// attribute-defs.ts
{
  const lines = ["export const attributeDefs: readonly AttributeDef[] = ["];
  for (const a of attributes) {
    const r = a.rules;
    lines.push(`  /** ${a.refs.join(", ")} */`);
    lines.push("  {");
    lines.push(`    name: ${q(a.name)},`);
    lines.push(`    tag: Tag.${a.tagName},`);
    lines.push(`    type: ItemType.${a.type},`);
    lines.push(`    multiInstance: ${yes(r.multiInstance)},`);
    lines.push(`    setBy: ${q(setBy(r.initiallySetBy))},`);
    lines.push(`    clientSettable: ${/client/i.test(r.initiallySetBy) || fromCreationRequest.has(a.name)},`);
    lines.push(`    serverModifiable: ${yes(r.serverModifiable)},`);
    lines.push(`    clientModifiable: ${yes(r.clientModifiable)},`);
    lines.push(`    clientDeletable: ${yes(r.clientDeletable)},`);
    lines.push(`    alwaysHasValue: ${yes(r.alwaysHasValue)},`);
    lines.push(`    rules: {`);
    for (const k of Object.values(ruleKeys)) if (r[k] !== undefined) lines.push(`      ${k}: ${q(r[k])},`);
    lines.push("    },");
    lines.push(`    since: ${q(a.since)},`);
    if (a.until) lines.push(`    until: ${q(a.until)},`);
    lines.push("  },");
  }
  lines.push("];", "");
  replaceRegion("src/kmip/attribute-defs.ts", lines.join("\n"));
}
