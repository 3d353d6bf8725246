/**
 * `custos kmip create|register|get`: making and fetching managed objects
 * (KMIP 2.1 §6.1.7 Create, §6.1.40 Register, §6.1.21 Get; KMIP 1.4 §4.1, §4.3, §4.11).
 */
import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { attr } from "../../client/kmip-client.js";
import type { Attr } from "../../kmip/attributes/attribute.js";
import { enumName, KeyFormatType, ObjectType } from "../../ttlv/enums.js";
import { Tag } from "../../ttlv/tags.js";
import { bytesToHex, hexToBytes } from "../../ttlv/text-values.js";
import { type CliIo, failure, usageError } from "../io.js";
import { enumArg, intArg, maskArg } from "../parse-args.js";
import { displayPath, resolveFrom } from "../paths.js";
import { withClient } from "./kmip-connection.js";

/** Short names for the object types custos stores. */
export const OBJECT_TYPE_ALIASES = {
  symmetric: ObjectType.SymmetricKey,
  secret: ObjectType.SecretData,
  opaque: ObjectType.OpaqueObject,
} as const;

/** Longest key accepted by --length, in bits. */
const MAX_KEY_BITS = 65_536;

export const algorithmArg = enumArg(Tag.CryptographicAlgorithm, "cryptographic algorithm");
export const usageArg = maskArg(Tag.CryptographicUsageMask, "cryptographic usage");
export const objectTypeArg = enumArg(Tag.ObjectType, "object type", OBJECT_TYPE_ALIASES);
const lengthArg = intArg(1, MAX_KEY_BITS);
const secretTypeArg = enumArg(Tag.SecretDataType, "secret data type");
const formatArg = enumArg(Tag.KeyFormatType, "key format", { transparent: KeyFormatType.TransparentSymmetricKey });

interface CreateOptions {
  readonly alg: number;
  readonly length: number;
  readonly name?: string;
  readonly usage?: number;
  readonly group?: string;
}

interface RegisterOptions {
  readonly type: number;
  readonly hex?: string;
  readonly file?: string;
  readonly alg?: number;
  readonly length?: number;
  readonly name?: string;
  readonly usage?: number;
  readonly group?: string;
  readonly secretType?: number;
}

interface GetOptions {
  readonly format?: number;
  readonly out?: string;
}

function groupAttrs(group: string | undefined): Attr[] {
  return group === undefined ? [] : [attr.objectGroup(group)];
}

async function material(io: CliIo, o: RegisterOptions): Promise<Uint8Array> {
  if ((o.hex === undefined) === (o.file === undefined))
    throw usageError("register needs exactly one of --hex or --file");
  if (o.hex !== undefined) {
    const bytes = hexToBytes(o.hex.replace(/\s+/g, ""));
    if (bytes === undefined || bytes.length === 0) throw usageError("--hex: expected an even number of hex digits");
    return bytes;
  }
  const path = resolveFrom(io, o.file as string);
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    throw usageError(`cannot read --file ${displayPath(io, path)}: ${(err as Error).message}`);
  }
}

export function registerKeyCommands(kmip: Command, io: CliIo): void {
  kmip
    .command("create")
    .description("create a symmetric key; prints its Unique Identifier")
    .requiredOption("--alg <algorithm>", "cryptographic algorithm, e.g. AES, HMAC_SHA256, ChaCha20", algorithmArg)
    .requiredOption("--length <bits>", "key length in bits, e.g. 256", lengthArg)
    .option("--name <name>", "Name attribute")
    .option("--usage <flags>", "usage mask, e.g. encrypt,decrypt (the default) or wrap-key,unwrap-key", usageArg)
    .option("--group <group>", "Object Group attribute")
    .action(async (o: CreateOptions, command: Command) =>
      withClient(io, command, async (client, out) => {
        const id = await client.create({
          algorithm: o.alg,
          length: o.length,
          ...(o.usage === undefined ? {} : { usageMask: o.usage }),
          ...(o.name === undefined ? {} : { name: o.name }),
          attributes: groupAttrs(o.group),
        });
        out.result([id], { uniqueIdentifier: id });
      }),
    );

  kmip
    .command("register")
    .description("register existing key material; prints its Unique Identifier")
    .requiredOption("--type <type>", "symmetric, secret or opaque", objectTypeArg)
    .option("--hex <hex>", "the material as hex")
    .option("--file <file>", "the material as a binary file")
    .option("--alg <algorithm>", "cryptographic algorithm (required for symmetric keys)", algorithmArg)
    .option("--length <bits>", "key length in bits (default: the material's length)", lengthArg)
    .option("--name <name>", "Name attribute")
    .option("--usage <flags>", "usage mask, e.g. encrypt,decrypt", usageArg)
    .option("--group <group>", "Object Group attribute")
    .option("--secret-type <type>", "for secret data: password (the default) or seed", secretTypeArg)
    .action(async (o: RegisterOptions, command: Command) => {
      if (o.type === ObjectType.SymmetricKey && o.alg === undefined) {
        throw usageError("register --type symmetric needs --alg (e.g. --alg AES)");
      }
      const bytes = await material(io, o);
      const symmetric = o.type === ObjectType.SymmetricKey;
      await withClient(io, command, async (client, out) => {
        const id = await client.register({
          objectType: o.type,
          material: bytes,
          ...(o.alg === undefined ? {} : { algorithm: o.alg }),
          ...(o.length !== undefined ? { length: o.length } : symmetric ? { length: bytes.length * 8 } : {}),
          ...(o.usage === undefined ? {} : { usageMask: o.usage }),
          ...(o.name === undefined ? {} : { name: o.name }),
          ...(o.secretType === undefined ? {} : { secretDataType: o.secretType }),
          attributes: groupAttrs(o.group),
        });
        out.result([id], { uniqueIdentifier: id });
      });
    });

  kmip
    .command("get")
    .description("fetch an object's key material; prints it as hex")
    .argument("<id>", "Unique Identifier")
    .option("--format <format>", "key format: raw (the default) or transparent", formatArg)
    .option("--out <file>", "write the raw bytes to this file (mode 0600) instead of printing them")
    .action(async (id: string, o: GetOptions, command: Command) =>
      withClient(io, command, async (client, out) => {
        const key = await client.get(id, o.format === undefined ? {} : { keyFormatType: o.format });
        const described = {
          uniqueIdentifier: key.id,
          objectType: enumName(Tag.ObjectType, key.objectType) ?? String(key.objectType),
          cryptographicAlgorithm:
            key.algorithm === undefined
              ? null
              : (enumName(Tag.CryptographicAlgorithm, key.algorithm) ?? String(key.algorithm)),
          cryptographicLength: key.length ?? null,
        };
        if (o.out !== undefined) {
          const path = resolveFrom(io, o.out);
          try {
            await writeFile(path, key.material, { mode: 0o600 });
          } catch (err) {
            throw failure(`cannot write --out ${displayPath(io, path)}: ${(err as Error).message}`, err);
          }
          out.result([`wrote ${key.material.length} bytes to ${displayPath(io, path)}`], {
            ...described,
            file: path,
            bytes: key.material.length,
          });
        } else {
          out.result([bytesToHex(key.material)], { ...described, keyMaterial: bytesToHex(key.material) });
        }
      }),
    );
}
