/**
 * Plain-text report: one table per section, each number on its own row with a ratio
 * column and, under it, one line saying what the number measures.
 */

export interface ReportRow {
  readonly label: string;
  readonly value: string;
  readonly unit: string;
  /** Comparison against this section's reference, e.g. "x0.42 vs JSON.parse". */
  readonly ratio?: string;
  /** Extra measured facts (latency, CPU), shown after the ratio. */
  readonly detail?: string;
  /** What the number means, printed on the next line. */
  readonly note: string;
}

export interface ReportSection {
  readonly title: string;
  readonly rows: readonly ReportRow[];
}

const pad = (s: string, n: number): string => s.padEnd(n);

export function formatReport(heading: readonly string[], sections: readonly ReportSection[]): string {
  const rows = sections.flatMap((s) => s.rows);
  const wLabel = Math.max(...rows.map((r) => r.label.length), 10);
  const wValue = Math.max(...rows.map((r) => r.value.length), 5);
  const wUnit = Math.max(...rows.map((r) => r.unit.length), 4);
  const wRatio = Math.max(...rows.map((r) => (r.ratio ?? "").length), 5);
  const rule = "=".repeat(Math.min(120, wLabel + wValue + wUnit + wRatio + 40));
  const out: string[] = [rule, ...heading, rule];
  for (const section of sections) {
    out.push("", section.title, "-".repeat(section.title.length));
    out.push(
      `${pad("measure", wLabel)}  ${"value".padStart(wValue)} ${pad("unit", wUnit)}  ${pad("ratio", wRatio)}  detail`,
    );
    for (const r of section.rows) {
      out.push(
        `${pad(r.label, wLabel)}  ${r.value.padStart(wValue)} ${pad(r.unit, wUnit)}  ${pad(r.ratio ?? "", wRatio)}  ${r.detail ?? ""}`.trimEnd(),
      );
      out.push(`${" ".repeat(4)}-> ${r.note}`);
    }
  }
  out.push("", rule);
  return out.join("\n");
}

/** 1234.5 -> "1,235"; small numbers keep one or two decimals. */
export function num(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return "n/a";
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString("en-US");
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

export function ratio(x: number | undefined, what: string): string {
  return x === undefined || !Number.isFinite(x) ? `n/a ${what}` : `x${x >= 10 ? x.toFixed(1) : x.toFixed(2)} ${what}`;
}

/** 0.0123 -> "1.2% of memcpy". */
export function percent(x: number | undefined, what: string): string {
  if (x === undefined || !Number.isFinite(x)) return `n/a ${what}`;
  const p = x * 100;
  return `${p >= 10 ? p.toFixed(0) : p.toFixed(1)}% ${what}`;
}
