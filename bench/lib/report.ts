/**
 * @module bench/lib/report
 * Shared benchmark helpers: machine description, statistics, and writing one suite's section of
 * docs/benchmarks.md (between `<!-- bench:<suite>:start -->` and `<!-- bench:<suite>:end -->` markers),
 * so suites can be re-run one at a time without losing the others' results.
 */
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const DOC = fileURLToPath(new URL("../../docs/benchmarks.md", import.meta.url));

/** One line describing the machine the numbers were measured on. */
export function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? "unknown CPU";
  let commit = "uncommitted";
  try {
    commit = execSync("git rev-parse --short HEAD", { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {}
  return `${cpus.length} × ${model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, commit ${commit}, ${new Date().toISOString()}`;
}

/** Sorted-copy percentile (nearest rank); `p` in 0..100. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Formats a number with a fixed number of decimals, or "—" for NaN/undefined. */
export function fmt(value: number | undefined, decimals = 2): string {
  return value === undefined || Number.isNaN(value) ? "—" : value.toFixed(decimals);
}

/** A benchmark target: a bound on one measured value, checked in every run. */
export interface BenchGoal {
  readonly label: string;
  /** The value must be at least (`≥`) or at most (`≤`) `limit`. */
  readonly bound: "≥" | "≤";
  readonly limit: number;
  /** Printed after each value and after the limit (`"×"`, `" ms"`). */
  readonly unit: string;
  readonly decimals: number;
  /** Words after the limit in the goal column (`"faster"`). @default none */
  readonly note?: string;
}

/**
 * One row of a goals table: label, goal, each run's value ("a / b / …"), and "met" only when every
 * measured run meets the goal ("**k of n runs**" or "**missed**" otherwise; NaN and undefined are not
 * measured).
 */
export function goalRow(goal: BenchGoal, values: readonly (number | undefined)[]): string[] {
  const meets = (value: number): boolean => (goal.bound === "≥" ? value >= goal.limit : value <= goal.limit);
  const known = values.filter((value): value is number => value !== undefined && !Number.isNaN(value));
  const metCount = known.filter(meets).length;
  const status =
    known.length === 0
      ? "not measured"
      : metCount === known.length
        ? "met"
        : metCount === 0
          ? "**missed**"
          : `**${metCount} of ${known.length} runs**`;
  const text = `${goal.bound} ${goal.limit}${goal.unit}${goal.note === undefined ? "" : ` ${goal.note}`}`;
  return [goal.label, text, values.map((value) => `${fmt(value, goal.decimals)}${goal.unit}`).join(" / "), status];
}

/** Renders a markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Replaces (or appends) the section of docs/benchmarks.md that belongs to `suite`. */
export function writeSection(suite: string, markdown: string): void {
  const start = `<!-- bench:${suite}:start -->`;
  const end = `<!-- bench:${suite}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  let doc = existsSync(DOC)
    ? readFileSync(DOC, "utf8")
    : "# Benchmarks\n\nMeasured by `npm run bench` (or `npm run bench -- <suite>`). Each section names its command, the machine and the peers measured in the same run; compare ratios within one run, not absolute numbers across machines.\n";
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  doc =
    from >= 0 && to > from ? doc.slice(0, from) + block + doc.slice(to + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  mkdirSync(dirname(DOC), { recursive: true });
  writeFileSync(DOC, doc);
}
