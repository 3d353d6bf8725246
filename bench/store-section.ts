/** Report section 2: the store micro-bench (bench/store.ts), when it is there. */
import { num, type ReportRow, type ReportSection, ratio } from "./report.js";

export async function storeSection(quick: boolean, postgres: boolean): Promise<ReportSection | undefined> {
  const mod = await import("./store.js").catch(() => undefined);
  if (!mod || typeof mod.benchStore !== "function") return undefined;
  const results = await mod.benchStore(quick ? { transactions: 300 } : {});
  const rows: ReportRow[] = results
    .filter((r) => postgres || r.dialect === "sqlite")
    .map((r) => {
      const one = results.find((x) => x.dialect === r.dialect && x.callers === 1);
      return {
        label: `store ${r.dialect}, ${r.callers} caller${r.callers > 1 ? "s" : ""}`,
        value: num(r.perSecond),
        unit: "tx/s",
        ratio: r.callers === 1 ? "reference" : ratio(one ? r.perSecond / one.perSecond : undefined, "vs 1 caller"),
        note:
          r.callers === 1
            ? `${r.transactions} durable Create-shaped transactions (object + 3 index rows + audit), one at a time`
            : `${r.callers} concurrent transaction() callers: ${
                r.dialect === "sqlite"
                  ? "group commit should share one fsync among the callers that queued meanwhile"
                  : "PostgreSQL commits on 16 pooled connections and shares WAL flushes"
              }`,
      };
    });
  return { title: "2. Store (bench/store.ts: store.transaction() without KMIP or TLS)", rows };
}
