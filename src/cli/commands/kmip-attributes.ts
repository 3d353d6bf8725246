/**
 * `custos kmip locate|get-attributes|get-attribute-list`: finding objects and reading
 * their attributes (KMIP 2.1 §6.1.27 Locate, §6.1.23 Get Attributes, §6.1.22 Get
 * Attribute List; KMIP 1.4 §4.9, §4.12, §4.13).
 */
import type { Command } from "commander";
import { attr } from "../../client/kmip-client.js";
import { attributeByTag, attributeDefs } from "../../kmip/attribute-defs.js";
import type { Attr } from "../../kmip/attributes/attribute.js";
import { isCustomName } from "../../kmip/attributes/attribute.js";
import { Tag, tagByName } from "../../ttlv/tags.js";
import type { CliIo } from "../io.js";
import { renderText, renderValue } from "../output.js";
import { enumArg, intArg, lookupName } from "../parse-args.js";
import { withClient } from "./kmip-connection.js";
import { algorithmArg, objectTypeArg } from "./kmip-keys.js";

const stateArg = enumArg(Tag.State, "state");
const countArg = intArg(0, 0x7fffffff);

interface LocateOptions {
  readonly name?: string;
  readonly type?: number;
  readonly state?: number;
  readonly group?: string;
  readonly alg?: number;
  readonly max?: number;
  readonly offset?: number;
}

/** Standard attribute names by index, for matching "state", "CryptographicAlgorithm", "cryptographic-length". */
const ATTRIBUTE_NAMES: ReadonlyMap<string, number> = new Map(attributeDefs.map((d, i) => [d.name, i]));

/**
 * The KMIP 1.x name of an attribute named on the command line ("state" -> "State",
 * "cryptographic-algorithm" -> "Cryptographic Algorithm"); custom "x-"/"y-" names as given.
 * Throws InvalidArgumentError for unknown names.
 */
export function attributeNameArg(text: string): string {
  if (isCustomName(text)) return text;
  const index = lookupName("attribute", ATTRIBUTE_NAMES, text);
  return (attributeDefs[index] as (typeof attributeDefs)[number]).name;
}

/** "CryptographicAlgorithm" (a KMIP 2.x Attribute Reference name) -> "Cryptographic Algorithm". */
function displayAttributeName(name: string): string {
  const tag = tagByName(name);
  return (tag === undefined ? undefined : attributeByTag(tag)?.name) ?? name;
}

function renderAttributes(attrs: readonly Attr[]): {
  human: string[];
  doc: { name: string; value: ReturnType<typeof renderValue> }[];
} {
  const doc = attrs.map((a) => ({ name: a.name, value: renderValue(a.value) }));
  return { human: doc.map((a) => `${a.name}: ${renderText(a.value)}`), doc };
}

export function registerAttributeCommands(kmip: Command, io: CliIo): void {
  kmip
    .command("locate")
    .description("find objects by attributes; prints matching Unique Identifiers, one a line")
    .option("--name <name>", "Name attribute")
    .option("--type <type>", "object type: symmetric, secret, opaque, ...", objectTypeArg)
    .option("--state <state>", "state: pre-active, active, deactivated, compromised, destroyed, ...", stateArg)
    .option("--group <group>", "Object Group attribute")
    .option("--alg <algorithm>", "cryptographic algorithm", algorithmArg)
    .option("--max <n>", "Maximum Items", countArg)
    .option("--offset <n>", "Offset Items (skip this many matches)", countArg)
    .action(async (o: LocateOptions, command: Command) =>
      withClient(io, command, async (client, out) => {
        const attributes: Attr[] = [];
        if (o.type !== undefined) attributes.push(attr.objectType(o.type));
        if (o.alg !== undefined) attributes.push(attr.algorithm(o.alg));
        if (o.name !== undefined) attributes.push(attr.name(o.name));
        if (o.state !== undefined) attributes.push(attr.state(o.state));
        if (o.group !== undefined) attributes.push(attr.objectGroup(o.group));
        const ids = await client.locate({
          attributes,
          ...(o.max === undefined ? {} : { maxItems: o.max }),
          ...(o.offset === undefined ? {} : { offset: o.offset }),
        });
        out.result(ids, { uniqueIdentifiers: ids });
      }),
    );

  kmip
    .command("get-attributes")
    .description("print an object's attributes (all, or the ones named)")
    .argument("<id>", "Unique Identifier")
    .argument(
      "[names...]",
      'attribute names, e.g. State "Cryptographic Algorithm" cryptographic-length x-purpose',
      (name: string, previous: string[] | undefined) => [...(previous ?? []), attributeNameArg(name)],
    )
    .action(async (id: string, names: string[] | undefined, _o: unknown, command: Command) => {
      const wanted = names ?? [];
      await withClient(io, command, async (client, out) => {
        const { human, doc } = renderAttributes(await client.getAttributes(id, wanted));
        out.result(human, { uniqueIdentifier: id, attributes: doc });
      });
    });

  kmip
    .command("get-attribute-list")
    .description("print the names of the attributes an object has")
    .argument("<id>", "Unique Identifier")
    .action(async (id: string, _o: unknown, command: Command) =>
      withClient(io, command, async (client, out) => {
        const names = (await client.getAttributeList(id)).map(displayAttributeName);
        out.result(names, { uniqueIdentifier: id, attributeNames: names });
      }),
    );
}
