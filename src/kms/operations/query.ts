import { findAll } from "../../kmip/read.js";
import { atLeast, isV2, type ProtocolVersion } from "../../kmip/version.js";
import { ObjectType, Operation, ProfileName, QueryFunction } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import type { OperationHandler } from "./operation.js";
import { objectTags } from "./register.js";

/**
 * Objects custos stores: every type Register accepts (keys also come from Create and Create
 * Key Pair). PGP Key exists from KMIP 1.2 on, so older clients are not told of it.
 */
function objectTypes(v: ProtocolVersion): number[] {
  return [...objectTags.keys()].filter((t) => t !== ObjectType.PGPKey || atLeast(v, 1, 2));
}

/** Operations that exist only from KMIP 2.0 (hidden from 1.x clients). */
const v2Only: ReadonlySet<number> = new Set([Operation.Interop, Operation.Log, Operation.SetAttribute]);

/** Profiles this server conforms to (KMIP Profiles 1.4 / 2.1), per protocol version. */
function profiles(v: ProtocolVersion): number[] {
  if (isV2(v))
    return [
      ProfileName.BaselineServer,
      ProfileName.SymmetricKeyLifecycleServer,
      ProfileName.SymmetricKeyFoundryServer,
      ProfileName.AsymmetricKeyLifecycleServer,
    ];
  if (v.minor >= 4) {
    return [
      ProfileName.BaselineServerTLSV1_2KMIPV1_4,
      ProfileName.SymmetricKeyLifecycleServerKMIPV1_4,
      ProfileName.SymmetricKeyFoundryServerKMIPV1_4,
      ProfileName.AsymmetricKeyLifecycleServerKMIPV1_4,
    ];
  }
  if (v.minor === 3) {
    return [
      ProfileName.BaselineServerTLSV1_2KMIPV1_3,
      ProfileName.SymmetricKeyLifecycleServerKMIPV1_3,
      ProfileName.SymmetricKeyFoundryServerKMIPV1_3,
      ProfileName.AsymmetricKeyLifecycleServerKMIPV1_3,
    ];
  }
  return [
    ProfileName.BaselineServerTLSV1_2KMIPV1_2,
    ProfileName.SymmetricKeyLifecycleServerKMIPV1_2,
    ProfileName.SymmetricKeyFoundryServerKMIPV1_2,
    ProfileName.AsymmetricKeyLifecycleServerKMIPV1_2,
  ];
}

/**
 * Query (KMIP 1.4 §4.25 / 2.1 §6.1.37): operations, object types, server information,
 * profiles (1.3+) and capabilities (1.3+), each when its Query Function is asked for. Query
 * functions custos has nothing to report for (namespaces, extensions, attestation) answer
 * with nothing, as the spec allows.
 */
export const query: OperationHandler = async (ctx, payload) => {
  const fns = new Set(findAll(payload, Tag.QueryFunction).map((q) => (q.type === 5 ? q.value : -1)));
  const v = ctx.version;
  const out: TtlvItem[] = [];
  if (fns.has(QueryFunction.QueryOperations)) {
    for (const op of ctx.server.operations) if (isV2(v) || !v2Only.has(op)) out.push(ttlv.enum(Tag.Operation, op));
  }
  if (fns.has(QueryFunction.QueryObjects)) for (const t of objectTypes(v)) out.push(ttlv.enum(Tag.ObjectType, t));
  if (fns.has(QueryFunction.QueryServerInformation)) {
    out.push(ttlv.text(Tag.VendorIdentification, ctx.server.vendorIdentification));
    out.push(ttlv.struct(Tag.ServerInformation, [ttlv.text(Tag.ServerName, ctx.server.serverInformation)]));
  }
  if (atLeast(v, 1, 3) && fns.has(QueryFunction.QueryProfiles)) {
    for (const p of profiles(v)) out.push(ttlv.struct(Tag.ProfileInformation, [ttlv.enum(Tag.ProfileName, p)]));
  }
  if (atLeast(v, 1, 3) && fns.has(QueryFunction.QueryCapabilities)) {
    out.push(
      ttlv.struct(Tag.CapabilityInformation, [
        ttlv.bool(Tag.StreamingCapability, false),
        ttlv.bool(Tag.AsynchronousCapability, false),
        ttlv.bool(Tag.AttestationCapability, false),
        ttlv.bool(Tag.BatchUndoCapability, true),
        ttlv.bool(Tag.BatchContinueCapability, true),
      ]),
    );
  }
  return out;
};
