/**
 * Decoding limits for TTLV messages (KMIP 1.4 §9.1, KMIP 2.1 §10.1).
 *
 * TTLV is self-describing: every item declares its own length, and a Structure
 * may contain any number of Structures. A peer that has not authenticated yet can
 * therefore ask the decoder for unbounded memory, stack or CPU with a few bytes.
 * Each limit below names the attack it stops; the decoder checks each one before
 * it allocates or descends.
 */
export interface TtlvLimits {
  /**
   * Largest whole message, header included, in bytes.
   * Stops memory exhaustion: a 4-byte length field can announce 4 GiB, and a
   * framing layer that trusted it would buffer that much per connection.
   */
  readonly maxMessageBytes: number;
  /**
   * Deepest nesting of Structures; the outermost Structure is depth 1.
   * Stops stack exhaustion and quadratic work from "Structure in Structure in ..."
   * bombs (an 8-byte header per level lets 4 MiB nest half a million deep).
   */
  readonly maxDepth: number;
  /**
   * Most items (of any type, Structures included) in one message.
   * Stops object-count amplification: 8-byte empty items turn each input byte
   * into several bytes of JS heap and GC work.
   */
  readonly maxItems: number;
}

/**
 * Defaults sized for real KMIP traffic: the deepest standard message (a Register
 * of a template-attributed key pair inside a Batch Item) nests fewer than 10
 * levels, and a Locate response with thousands of identifiers stays well under
 * 100 000 items and 4 MiB.
 */
export const defaultTtlvLimits: TtlvLimits = Object.freeze({
  maxMessageBytes: 4 * 1024 * 1024,
  maxDepth: 32,
  maxItems: 100_000,
});

/**
 * Fills `partial` from {@link defaultTtlvLimits} and checks each value is a
 * positive safe integer. A bad limit is a programming error, reported with a
 * TypeError (never confused with a TtlvDecodeError about the input bytes).
 */
export function resolveTtlvLimits(partial?: Partial<TtlvLimits>): TtlvLimits {
  if (partial === undefined) return defaultTtlvLimits;
  if (resolved.has(partial)) return partial as TtlvLimits;
  const limits: TtlvLimits = {
    maxMessageBytes: partial.maxMessageBytes ?? defaultTtlvLimits.maxMessageBytes,
    maxDepth: partial.maxDepth ?? defaultTtlvLimits.maxDepth,
    maxItems: partial.maxItems ?? defaultTtlvLimits.maxItems,
  };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`TTLV limit ${name} must be a positive safe integer, got ${String(value)}`);
    }
  }
  const frozen = Object.freeze(limits);
  resolved.add(frozen);
  return frozen;
}

/** Limits objects this module already checked and froze: passing one back costs nothing (hot path). */
const resolved = new WeakSet<object>();
