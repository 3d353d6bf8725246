/** Report section 1: TTLV codec throughput next to JSON and memcpy in the same process. */
import { memcpyMBps } from "./ceilings.js";
import { num, percent, type ReportSection, ratio } from "./report.js";
import { benchTtlv } from "./ttlv.js";

export async function codecSection(quick: boolean): Promise<ReportSection> {
  const t = await benchTtlv(quick ? 150 : 400);
  const memcpy = memcpyMBps(t.messageBytes);
  // benchTtlv reports JSON as a ratio; turn it back into TTLV bytes of the same tree per second.
  const jsonParseMBps = t.decodeMBps / t.decodeVsJsonParse;
  const jsonStringifyMBps = t.encodeMBps / t.encodeVsJsonStringify;
  return {
    title: `1. TTLV codec (bench/ttlv.ts: a KMIP 1.4 Create request + a Get response, ${t.messageBytes} bytes of TTLV per operation)`,
    rows: [
      {
        label: "TTLV decode",
        value: num(t.decodeMBps),
        unit: "MB/s",
        ratio: ratio(t.decodeVsJsonParse, "vs JSON.parse"),
        detail: percent(t.decodeMBps / memcpy, "of memcpy"),
        note: "decodeTtlv() of both messages, bytes -> TtlvItem tree; the server decodes every request this way",
      },
      {
        label: "TTLV encode (reused encoder)",
        value: num(t.encodeMBps),
        unit: "MB/s",
        ratio: ratio(t.encodeVsJsonStringify, "vs JSON.stringify"),
        detail: percent(t.encodeMBps / memcpy, "of memcpy"),
        note: "TtlvEncoder#encode() reusing one growing buffer, as the server and the client do",
      },
      {
        label: "TTLV encode (fresh encoder)",
        value: num(t.encodeFreshMBps),
        unit: "MB/s",
        ratio: ratio(t.encodeFreshMBps / t.encodeMBps, "vs reused"),
        detail: percent(t.encodeFreshMBps / memcpy, "of memcpy"),
        note: "encodeTtlv(): a new encoder per message, i.e. the cost of not reusing the buffer",
      },
      {
        label: "JSON.parse, same tree",
        value: num(jsonParseMBps),
        unit: "MB/s",
        ratio: "reference",
        detail: percent(jsonParseMBps / memcpy, "of memcpy"),
        note: "V8's native JSON.parse of the same tree written as JSON, counted in TTLV bytes of that tree per second",
      },
      {
        label: "JSON.stringify, same tree",
        value: num(jsonStringifyMBps),
        unit: "MB/s",
        ratio: "reference",
        detail: percent(jsonStringifyMBps / memcpy, "of memcpy"),
        note: "JSON.stringify of the same tree (replacer for bigint and bytes), in TTLV bytes per second",
      },
      {
        label: "memcpy ceiling",
        value: num(memcpy),
        unit: "MB/s",
        ratio: "ceiling",
        note: `Buffer#copy of ${t.messageBytes} bytes into a preallocated buffer: what touching the bytes once costs`,
      },
    ],
  };
}
