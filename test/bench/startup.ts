/**
 * `chatproof --help` start-up: the median wall time of several runs (after a warm-up, so the
 * page cache holds node_modules), node's own start-up for comparison, and which packages the
 * start-up loads, to check that the heavy ones wait for the command that needs them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BIN, ROOT, benchScript, median } from './measure.js';

/** Loaded by a command's action with `import()`, never at start-up (docs/performance.md). */
export const HEAVY_PACKAGES = ['pdfkit', 'pkijs', 'pdfjs-dist', 'parse5', 'iconv-lite'] as const;

export interface StartupResult {
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  /** `node -e 0`: the floor no CLI can go under. */
  readonly nodeMedianMs: number;
  /** Every package under node_modules that `--help` loads. */
  readonly packages: readonly string[];
  readonly heavyLoaded: readonly string[];
}

function timeRuns(args: readonly string[], runs: number): number[] {
  const env = { ...process.env, LANG: 'en_US.UTF-8', CHATPROOF_LANG: 'en' };
  spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: 'ignore' });
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: 'ignore' });
    out.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${String(r.status)}`);
  }
  return out;
}

function packageOf(urlOrPath: string): string | null {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(decodeURIComponent(urlOrPath));
  return m ? m[1]! : null;
}

export function loadedPackages(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'chatproof-bench-load-'));
  const logFile = join(dir, 'load.log');
  try {
    const r = spawnSync(process.execPath, ['--import', benchScript('load-log.js'), BIN, '--help'], {
      cwd: ROOT,
      env: { ...process.env, CHATPROOF_BENCH_LOAD_LOG: logFile },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`--help under the load log exited ${String(r.status)}: ${r.stderr}`);
    const names = readFileSync(logFile, 'utf8')
      .split('\n')
      .map((l) => packageOf(l.split(' <- ')[0]!))
      .filter((p): p is string => p !== null);
    return [...new Set(names)].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function measureStartup(runs: number): StartupResult {
  const times = timeRuns([BIN, '--help'], runs);
  const node = timeRuns(['-e', '0'], runs);
  const packages = loadedPackages();
  return {
    runs,
    medianMs: median(times),
    minMs: Math.min(...times),
    nodeMedianMs: median(node),
    packages,
    heavyLoaded: HEAVY_PACKAGES.filter((h) => packages.includes(h)),
  };
}
