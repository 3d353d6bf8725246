/** custos: the package's public API. */
export {
  attr,
  type BatchRequestItem,
  type BatchResult,
  type KeyMaterial,
  KmipClient,
  type KmipClientOptions,
  KmipOperationError,
} from "./client/kmip-client.js";
export { KmipTransport, KmipTransportError, type TransportOptions } from "./client/kmip-transport.js";
export { defaultConfig, loadConfig } from "./config/load.js";
export type { Attr } from "./kmip/attributes/attribute.js";
export type { ProtocolVersion } from "./kmip/version.js";
export { type RunningCustos, startCustos } from "./main.js";
export { initDataDir } from "./pkix/dev-pki.js";
export { devPkiPaths } from "./pkix/dev-pki-paths.js";
export { decodeTtlv } from "./ttlv/decode.js";
export { encodeTtlv, TtlvEncoder } from "./ttlv/encode.js";
export * as enums from "./ttlv/enums.js";
export { ItemType, type TtlvItem, ttlv } from "./ttlv/item.js";
export { CryptographicUsageMask } from "./ttlv/masks.js";
export { Tag } from "./ttlv/tags.js";
