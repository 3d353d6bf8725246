/**
 * Vector files excluded from the required sets, with the reason; keep README.md's
 * "Conformance" section in step with this list.
 */
export const exclusions: ReadonlyMap<string, string> = new Map<string, string>([]);
