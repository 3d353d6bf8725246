/** KMIP protocol versions this server speaks (KMIP 2.1 §6.1 "Protocol Version"). Newest first, as
 * Discover Versions answers them (KMIP 1.4 §4.26). */
export interface ProtocolVersion {
  readonly major: number;
  readonly minor: number;
}

export const supportedVersions: readonly ProtocolVersion[] = [
  { major: 2, minor: 1 },
  { major: 2, minor: 0 },
  { major: 1, minor: 4 },
  { major: 1, minor: 3 },
  { major: 1, minor: 2 },
  { major: 1, minor: 1 },
  { major: 1, minor: 0 },
];

export function isSupportedVersion(v: ProtocolVersion): boolean {
  return supportedVersions.some((s) => s.major === v.major && s.minor === v.minor);
}

/** KMIP 2.x replaced Template-Attribute with Attributes, names with Attribute References, etc. */
export function isV2(v: ProtocolVersion): boolean {
  return v.major >= 2;
}

/** True when `v` is at least `major.minor`. */
export function atLeast(v: ProtocolVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

export function formatVersion(v: ProtocolVersion): string {
  return `${v.major}.${v.minor}`;
}
