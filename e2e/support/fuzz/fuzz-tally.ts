import type { FuzzCase } from "./fuzz-case";

export interface FuzzFailure {
  index: number;
  category: string;
  description: string;
  problems: string[];
}

interface Row {
  cases: number;
  statuses: Map<number, number>;
  failures: number;
}

/** Counts of the cases tried, by category and by status, and the failures, for the summary the issue asks for. */
export class FuzzTally {
  private readonly rows = new Map<string, Row>();
  readonly failures: FuzzFailure[] = [];

  /** `status` is undefined when no response came. */
  record(index: number, fuzzCase: FuzzCase, status: number | undefined, problems: string[]): void {
    const row = this.rows.get(fuzzCase.category) ?? { cases: 0, statuses: new Map(), failures: 0 };
    this.rows.set(fuzzCase.category, row);
    row.cases++;
    const key = status ?? 0;
    row.statuses.set(key, (row.statuses.get(key) ?? 0) + 1);
    if (problems.length === 0) return;
    row.failures++;
    this.failures.push({ index, category: fuzzCase.category, description: fuzzCase.description.slice(0, 300), problems });
  }

  get total(): number {
    let total = 0;
    for (const row of this.rows.values()) total += row.cases;
    return total;
  }

  /** A fixed-width table: category, cases, 2xx, 4xx, failures, and the statuses seen (0 for no response). */
  table(): string {
    const lines = [["category", "cases", "2xx", "4xx", "failed", "statuses"]];
    const entries = [...this.rows.entries()].sort(([left], [right]) => left.localeCompare(right));
    const all: Row = { cases: 0, statuses: new Map(), failures: 0 };
    for (const [, row] of entries) {
      all.cases += row.cases;
      all.failures += row.failures;
      for (const [status, count] of row.statuses) all.statuses.set(status, (all.statuses.get(status) ?? 0) + count);
    }
    for (const [name, row] of [...entries, ["total", all] as const]) {
      const count = (low: number) => [...row.statuses].filter(([status]) => status >= low && status < low + 100).reduce((sum, [, n]) => sum + n, 0);
      const statuses = [...row.statuses]
        .sort(([left], [right]) => left - right)
        .map(([status, n]) => `${status}×${n}`)
        .join(" ");
      lines.push([name, String(row.cases), String(count(200)), String(count(400)), String(row.failures), statuses]);
    }
    const widths = lines[0]!.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
    return lines.map((line) => line.map((cell, column) => (column === line.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ")).join("\n");
  }
}
