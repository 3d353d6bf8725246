/**
 * TTLV item model (KMIP 1.4 §9.1.1, KMIP 2.1 §9.1).
 *
 * Every KMIP message is a tree of Tag-Type-Length-Value items. The tag is a
 * 3-byte number (0x42XXXX for standard tags, 0x54XXXX for extensions), the type
 * one byte, the length a 4-byte big-endian count of value bytes (before padding),
 * and the value padded to a multiple of 8 bytes.
 *
 * Value representations chosen here:
 * - Integer (32-bit signed), Enumeration (32-bit unsigned), Interval (32-bit unsigned): number
 * - Long Integer (64-bit signed), Big Integer (two's complement, any size): bigint
 * - Date-Time: bigint seconds since the POSIX epoch (64-bit signed on the wire)
 * - Date-Time Extended (KMIP 2.0+): bigint microseconds since the epoch
 * - Text String: string (UTF-8 on the wire); Byte String: Uint8Array
 */
export const ItemType = {
  Structure: 0x01,
  Integer: 0x02,
  LongInteger: 0x03,
  BigInteger: 0x04,
  Enumeration: 0x05,
  Boolean: 0x06,
  TextString: 0x07,
  ByteString: 0x08,
  DateTime: 0x09,
  Interval: 0x0a,
  DateTimeExtended: 0x0b,
} as const;
export type ItemType = (typeof ItemType)[keyof typeof ItemType];

export const itemTypeNames: Readonly<Record<ItemType, string>> = {
  [ItemType.Structure]: "Structure",
  [ItemType.Integer]: "Integer",
  [ItemType.LongInteger]: "LongInteger",
  [ItemType.BigInteger]: "BigInteger",
  [ItemType.Enumeration]: "Enumeration",
  [ItemType.Boolean]: "Boolean",
  [ItemType.TextString]: "TextString",
  [ItemType.ByteString]: "ByteString",
  [ItemType.DateTime]: "DateTime",
  [ItemType.Interval]: "Interval",
  [ItemType.DateTimeExtended]: "DateTimeExtended",
};

export interface StructureItem {
  readonly tag: number;
  readonly type: typeof ItemType.Structure;
  readonly value: readonly TtlvItem[];
}
export interface IntegerItem {
  readonly tag: number;
  readonly type: typeof ItemType.Integer;
  readonly value: number;
}
export interface LongIntegerItem {
  readonly tag: number;
  readonly type: typeof ItemType.LongInteger;
  readonly value: bigint;
}
export interface BigIntegerItem {
  readonly tag: number;
  readonly type: typeof ItemType.BigInteger;
  readonly value: bigint;
}
export interface EnumerationItem {
  readonly tag: number;
  readonly type: typeof ItemType.Enumeration;
  readonly value: number;
}
export interface BooleanItem {
  readonly tag: number;
  readonly type: typeof ItemType.Boolean;
  readonly value: boolean;
}
export interface TextStringItem {
  readonly tag: number;
  readonly type: typeof ItemType.TextString;
  readonly value: string;
}
export interface ByteStringItem {
  readonly tag: number;
  readonly type: typeof ItemType.ByteString;
  readonly value: Uint8Array;
}
export interface DateTimeItem {
  readonly tag: number;
  readonly type: typeof ItemType.DateTime;
  readonly value: bigint;
}
export interface IntervalItem {
  readonly tag: number;
  readonly type: typeof ItemType.Interval;
  readonly value: number;
}
export interface DateTimeExtendedItem {
  readonly tag: number;
  readonly type: typeof ItemType.DateTimeExtended;
  readonly value: bigint;
}

export type TtlvItem =
  | StructureItem
  | IntegerItem
  | LongIntegerItem
  | BigIntegerItem
  | EnumerationItem
  | BooleanItem
  | TextStringItem
  | ByteStringItem
  | DateTimeItem
  | IntervalItem
  | DateTimeExtendedItem;

/** Constructors: short, allocation-light helpers used by every layer above the codec. */
export const ttlv = {
  struct: (tag: number, value: readonly TtlvItem[]): StructureItem => ({ tag, type: ItemType.Structure, value }),
  int: (tag: number, value: number): IntegerItem => ({ tag, type: ItemType.Integer, value }),
  long: (tag: number, value: bigint): LongIntegerItem => ({ tag, type: ItemType.LongInteger, value }),
  bigint: (tag: number, value: bigint): BigIntegerItem => ({ tag, type: ItemType.BigInteger, value }),
  enum: (tag: number, value: number): EnumerationItem => ({ tag, type: ItemType.Enumeration, value }),
  bool: (tag: number, value: boolean): BooleanItem => ({ tag, type: ItemType.Boolean, value }),
  text: (tag: number, value: string): TextStringItem => ({ tag, type: ItemType.TextString, value }),
  bytes: (tag: number, value: Uint8Array): ByteStringItem => ({ tag, type: ItemType.ByteString, value }),
  date: (tag: number, value: bigint): DateTimeItem => ({ tag, type: ItemType.DateTime, value }),
  interval: (tag: number, value: number): IntervalItem => ({ tag, type: ItemType.Interval, value }),
  dateExt: (tag: number, value: bigint): DateTimeExtendedItem => ({ tag, type: ItemType.DateTimeExtended, value }),
} as const;
