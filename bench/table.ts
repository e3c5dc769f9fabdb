/** The bench's table: figure, ours, bare, ratio, target, met? (bench/why.ts says why where one is not). */
export interface Row {
  figure: string;
  /** The figure's key in latest.json (and in its `why`). */
  key?: string;
  ours: number | undefined;
  bare?: number | undefined;
  unit?: string;
  /** A target: at most (or at least) this, on the ratio when `onRatio`, else on ours. */
  target?: { max?: number; min?: number; onRatio?: boolean };
  digits?: number;
}

export function fmt(n: number | undefined, digits = 0, unit = ""): string {
  if (n === undefined || Number.isNaN(n)) return "—";
  return `${n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })}${unit}`;
}

export function ratioOf(row: Row): number | undefined {
  if (row.ours === undefined || row.bare === undefined || row.bare === 0) return undefined;
  return row.ours / row.bare;
}

export function met(row: Row): boolean | undefined {
  const t = row.target;
  if (!t) return undefined;
  const value = t.onRatio ? ratioOf(row) : row.ours;
  if (value === undefined || Number.isNaN(value)) return false;
  if (t.max !== undefined && value > t.max) return false;
  if (t.min !== undefined && value < t.min) return false;
  return true;
}

export function targetText(row: Row): string {
  const t = row.target;
  if (!t) return "";
  const what = t.onRatio ? "× bare" : (row.unit ?? "");
  if (t.min !== undefined) return `≥ ${t.min}${what.startsWith("×") ? " " : ""}${what}`;
  return `≤ ${t.max}${what.startsWith("×") ? " " : ""}${what}`;
}

export function renderTable(title: string, rows: readonly Row[]): string {
  const head = ["figure", "ours", "bare", "ratio", "target", "met?"];
  const body = rows.map((r) => {
    const ok = met(r);
    return [
      r.figure,
      fmt(r.ours, r.digits, r.unit),
      fmt(r.bare, r.digits, r.unit),
      ratioOf(r) === undefined ? "" : `${fmt(ratioOf(r), 2)}`,
      targetText(r),
      ok === undefined ? "" : ok ? "yes" : "NO",
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [
    `\n${title}`,
    line(head),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...body.map(line),
  ].join("\n");
}
