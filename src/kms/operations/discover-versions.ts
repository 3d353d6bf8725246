import { asStruct, findAll, req } from "../../kmip/read.js";
import { isSupportedVersion, type ProtocolVersion, supportedVersions } from "../../kmip/version.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import type { OperationHandler } from "./operation.js";

/**
 * Discover Versions (KMIP 1.4 §4.26 / 2.1 §6.1.16): with no versions in the request, every
 * version the server speaks, newest first; otherwise those of the client's list the server
 * also speaks, in the client's order of preference (possibly none).
 */
export const discoverVersions: OperationHandler = async (_ctx, payload) => {
  const asked = findAll(payload, Tag.ProtocolVersion).map((pv): ProtocolVersion => {
    const s = asStruct(pv);
    return { major: req.int(s, Tag.ProtocolVersionMajor), minor: req.int(s, Tag.ProtocolVersionMinor) };
  });
  const answer = asked.length === 0 ? supportedVersions : asked.filter(isSupportedVersion);
  const out: TtlvItem[] = answer.map((v) =>
    ttlv.struct(Tag.ProtocolVersion, [
      ttlv.int(Tag.ProtocolVersionMajor, v.major),
      ttlv.int(Tag.ProtocolVersionMinor, v.minor),
    ]),
  );
  return out;
};
