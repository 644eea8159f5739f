/** `npm run bench -- [--sizes 20k,200k,1m] [--quick] [--json] [--out DIR] [--report-size 10k] [--days 365] [--daily-start 100k] [--only-daily]`. */
export interface BenchArgs {
  readonly sizes: readonly number[];
  /** The daily-captures scenario (suite-daily.ts): exports, the first one's messages, messages added a day (a thousandth of the first). */
  readonly daily: { readonly days: number; readonly start: number; readonly perDay: number };
  /** Only the daily-captures scenario: no sizes, no start-up, no report. */
  readonly onlyDaily: boolean;
  readonly quick: boolean;
  readonly json: boolean;
  /** Inputs and archives go here and are kept (reused when present); null: a temp folder, removed after. */
  readonly out: string | null;
  readonly reportSize: number;
  readonly startupRuns: number;
}

/** `20k` → 20000, `1m` → 1000000. */
export function parseCount(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`not a message count: "${text}" (use e.g. 20k, 200k, 1m)`);
  const factor = m[2]!.toLowerCase() === 'k' ? 1_000 : m[2]!.toLowerCase() === 'm' ? 1_000_000 : 1;
  return Math.round(Number(m[1]) * factor);
}

/** 20000 → `20k`, the label the table uses. */
export function countLabel(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1_000 && n % 1_000 === 0) return `${n / 1_000}k`;
  if (n >= 1_000 && n % 100 === 0) return `${n / 1_000}k`;
  return String(n);
}

const USAGE =
  'usage: npm run bench -- [--sizes 20k,200k,1m] [--quick] [--json] [--out DIR] [--report-size 10k] [--days 365] [--daily-start 100k] [--only-daily]';

export function parseArgs(argv: readonly string[]): BenchArgs {
  let sizes: number[] | null = null;
  let quick = false;
  let json = false;
  let out: string | null = null;
  let reportSize: number | null = null;
  let days: number | null = null;
  let dailyStart: number | null = null;
  let onlyDaily = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--sizes')
      sizes = value()
        .split(',')
        .filter((s) => s !== '')
        .map(parseCount);
    else if (a === '--quick') quick = true;
    else if (a === '--json') json = true;
    else if (a === '--out') out = value();
    else if (a === '--report-size') reportSize = parseCount(value());
    else if (a === '--days') days = parseCount(value());
    else if (a === '--daily-start') dailyStart = parseCount(value());
    else if (a === '--only-daily') onlyDaily = true;
    else if (a === '--help' || a === '-h') throw new Error(USAGE);
    else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  // --quick: a smoke run of every path in well under a minute, not a measurement.
  const chosen = sizes ?? (quick ? [2_000] : [20_000, 200_000, 1_000_000]);
  // The scenario is a year of a 100k room; --quick keeps its shape (30 days, +0.1 % a day)
  // on a 10k room, so the smoke run stays short.
  const start = dailyStart ?? (quick ? 10_000 : 100_000);
  return {
    daily: { days: days ?? (quick ? 30 : 365), start, perDay: Math.max(1, Math.round(start / 1000)) },
    onlyDaily,
    sizes: [...new Set(chosen)].sort((a, b) => a - b),
    quick,
    json,
    out,
    reportSize: reportSize ?? (quick ? 1_000 : 10_000),
    startupRuns: quick ? 5 : 15,
  };
}
