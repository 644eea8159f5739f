/** What one bench run measured, and how it is printed: a table for people, a JSON document for tools. */

const MiB = 1024 * 1024;

export interface Row {
  /** Stable key for tools reading --json, e.g. `import.line.200k`. */
  readonly id: string;
  readonly what: string;
  readonly size: string;
  readonly messages: number | null;
  /** Wall-clock seconds, start-up included. */
  readonly seconds: number;
  /** User + system CPU seconds (null where not measured, e.g. sha256sum). */
  readonly cpu: number | null;
  /** Input bytes, for MiB/s. */
  readonly bytes: number | null;
  readonly peakRss: number | null;
  /** The machine's-limit row this one is compared with, by id, e.g. `limit.hash-insert.200k`. */
  readonly vs: string | null;
  readonly note: string;
  /** Extra facts (pages, PDF size, change counts). */
  readonly extra?: Record<string, number | string>;
}

export interface Ratio {
  readonly target: string;
  /** What is compared, in words: `import 200k / hash+insert 200k`. */
  readonly compared: string;
  /** The ratio the target is judged on (wall time, as docs/performance.md asks). */
  readonly value: number | null;
  /** The same ratio on CPU seconds, where both sides have them: steadier on a shared machine. */
  readonly cpuValue: number | null;
  /** The ratio must be ≤ this (or < for strict targets, said in `rule`). */
  readonly max: number;
  readonly rule: string;
  /** null: not measured in this run (size not selected, command missing). */
  readonly pass: boolean | null;
}

export const perSecond = (r: Row): number | null => (r.messages === null || r.seconds <= 0 ? null : r.messages / r.seconds);
export const mibPerSecond = (r: Row): number | null => (r.bytes === null || r.seconds <= 0 ? null : r.bytes / MiB / r.seconds);
export const mib = (bytes: number | null): string => (bytes === null ? '-' : (bytes / MiB).toFixed(0));

/** Time per message relative to the limit's (same input), or the time ratio where rows have no counts. */
export function ratioOf(row: Row, limit: Row | undefined, on: 'wall' | 'cpu' = 'wall'): number | null {
  if (limit === undefined) return null;
  const t = (r: Row): number | null => (on === 'wall' ? r.seconds : r.cpu);
  const mine = t(row);
  const theirs = t(limit);
  if (mine === null || theirs === null || theirs <= 0) return null;
  if (row.messages !== null && limit.messages !== null && row.messages > 0 && limit.messages > 0) return mine / row.messages / (theirs / limit.messages);
  return mine / theirs;
}

const num = (n: number | null, digits = 0): string =>
  n === null ? '-' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(head: readonly string[], body: readonly (readonly string[])[], right: ReadonlySet<number>): string {
  const width = head.map((h, c) => Math.max(h.length, ...body.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((s, c) => (right.has(c) ? s.padStart(width[c]!) : s.padEnd(width[c]!))).join(' | ')} |`;
  const rule = `| ${width.map((w, c) => (right.has(c) ? '-'.repeat(w - 1) + ':' : '-'.repeat(w))).join(' | ')} |`;
  return [line(head), rule, ...body.map(line)].join('\n');
}

export function formatRows(rows: readonly Row[]): string {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const body = rows.map((r) => {
    const limit = r.vs === null ? undefined : byId.get(r.vs);
    const ratio = ratioOf(r, limit);
    return [
      r.what,
      r.size,
      num(r.messages),
      num(r.seconds, 2),
      num(r.cpu, 2),
      num(perSecond(r)),
      num(mibPerSecond(r), 1),
      mib(r.peakRss),
      ratio === null ? '' : `${ratio.toFixed(2)}× ${limit!.what}`,
      r.note,
    ];
  });
  return table(
    ['what', 'size', 'messages', 'wall s', 'CPU s', 'msg/s', 'MiB/s', 'peak RSS MiB', 'vs machine limit (wall)', 'notes'],
    body,
    new Set([2, 3, 4, 5, 6, 7]),
  );
}

export function formatRatios(ratios: readonly Ratio[]): string {
  const body = ratios.map((r) => [
    r.target,
    r.compared,
    r.value === null ? '-' : r.value.toFixed(2),
    r.cpuValue === null ? '' : r.cpuValue.toFixed(2),
    r.rule,
    r.pass === null ? 'n/a' : r.pass ? 'PASS' : 'MISS',
  ]);
  return table(['target', 'measured', 'ratio', 'on CPU', 'rule', 'result'], body, new Set([2, 3]));
}
