/** custos: the package's public API. */
export {
  KmipClient,
  KmipOperationError,
  attr,
  type BatchRequestItem,
  type BatchResult,
  type KeyMaterial,
  type KmipClientOptions,
} from "./client/kmip-client.js";
export { KmipTransport, KmipTransportError, type TransportOptions } from "./client/kmip-transport.js";
export type { Attr } from "./kmip/attributes/attribute.js";
export type { ProtocolVersion } from "./kmip/version.js";
export * as enums from "./ttlv/enums.js";
export { Tag } from "./ttlv/tags.js";
export { ttlv, ItemType, type TtlvItem } from "./ttlv/item.js";
export { encodeTtlv, TtlvEncoder } from "./ttlv/encode.js";
export { decodeTtlv } from "./ttlv/decode.js";
export { startCustos, type RunningCustos } from "./main.js";
export { loadConfig, defaultConfig } from "./config/load.js";
export { initDataDir } from "./pkix/dev-pki.js";
