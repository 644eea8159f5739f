/**
 * `npm run bench` (docs/performance.md; docs/performance.md). Generates its inputs (never committed), runs
 * each command as a child process `node bin/chatproof.js …` with its peak RSS, runs the machine's
 * limits on the same bytes beside it, and prints a table and the targets as ratios with
 * PASS/MISS (or, with --json, one JSON document on stdout). Exit 0 even on a MISS: a benchmark
 * reports, the targets are judged by people; exit 1 when something could not be measured.
 */
import { cpus, tmpdir, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { countLabel, parseArgs, type BenchArgs } from './args.js';
import type { Bench } from './context.js';
import { detectRssMethod } from './measure.js';
import { formatRatios, formatRows, type Row } from './results.js';
import { measureStartup, type StartupResult } from './startup.js';
import { historyFor } from './suite-history.js';
import { dailyCaptures } from './suite-daily.js';
import { importAndVerify, importChatwork, limitsFor, type Imported } from './suite-import.js';
import { reportAvailable, reportFor, reportRangeFor } from './suite-report.js';
import { computeTargets } from './targets.js';

/** The size the dedup/diff/show paths run at: 200k when selected, else the largest selected. */
function historySize(sizes: readonly number[]): number {
  return sizes.includes(200_000) ? 200_000 : sizes[sizes.length - 1]!;
}

async function runAll(args: BenchArgs, b: Bench): Promise<{ startup: StartupResult | null; reportMissing: boolean }> {
  if (args.onlyDaily) {
    if (args.daily.days > 0) await dailyCaptures(b, args.daily);
    return { startup: null, reportMissing: false };
  }
  b.log(`start-up: ${args.startupRuns} runs of --help`);
  const startup = measureStartup(args.startupRuns);

  const hist = historySize(args.sizes);
  const largest = args.sizes[args.sizes.length - 1]!;
  for (const n of args.sizes) {
    await limitsFor(b, n);
    const first: Imported = await importAndVerify(b, n);
    if (n === hist) await historyFor(b, n, first);
    // A Chatwork list of 1M messages is not something the API hands out (100 per call).
    if (n <= 200_000) await importChatwork(b, n);
    if (n === largest) await reportRangeFor(b, n, first, n === hist ? 3 : 1, args.quick ? 500 : 10_000);
  }

  if (args.daily.days > 0) await dailyCaptures(b, args.daily);

  const reportMissing = !(await reportAvailable());
  if (reportMissing) b.log('report: `chatproof report` does not exist yet; skipped');
  else for (const n of [Math.round(args.reportSize / 4), args.reportSize]) await reportFor(b, n);
  return { startup, reportMissing };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const method = detectRssMethod();
  const work = args.out === null ? mkdtempSync(join(tmpdir(), 'chatproof-bench-')) : resolve(args.out);
  mkdirSync(work, { recursive: true });
  const rows: Row[] = [];
  const b: Bench = { method, work, rows, quick: args.quick, log: (line) => process.stderr.write(`[bench] ${line}\n`) };
  b.log(`work folder ${work}; peak RSS via ${method === 'gnu-time' ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS (rss-wrapper)'}`);
  try {
    const { startup, reportMissing } = await runAll(args, b);
    const ratios = computeTargets(rows, args.onlyDaily ? [] : args.sizes, args.reportSize, startup, reportMissing, args.onlyDaily);
    const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) };
    if (args.json) {
      process.stdout.write(
        JSON.stringify({ machine, rssMethod: method, sizes: args.sizes.map(countLabel), quick: args.quick, reportMissing, startup, rows, ratios }, null, 2) +
          '\n',
      );
    } else {
      const lines = [
        `chatproof bench — node ${machine.node}, ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB; peak RSS via ${method}`,
        '',
        formatRows(rows),
        '',
        startup === null
          ? ''
          : `--help: median ${startup.medianMs.toFixed(0)} ms over ${startup.runs} runs (min ${startup.minMs.toFixed(0)} ms; \`node -e 0\` ${startup.nodeMedianMs.toFixed(0)} ms); packages loaded: ${startup.packages.join(', ') || 'none'}`,
        reportMissing ? 'report: `chatproof report` does not exist in this tree yet: not measured.' : '',
        '',
        formatRatios(ratios),
      ];
      process.stdout.write(lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n') + '\n');
    }
    return 0;
  } finally {
    if (args.out === null) rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
