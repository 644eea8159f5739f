/**
 * Runs one measured child process. Peak RSS comes from GNU `/usr/bin/time -v` when it works
 * (it sees the real `node bin/chatproof.js` process, start-up included); otherwise from
 * rss-wrapper.ts, which reports `process.resourceUsage().maxRSS` of the same process. Wall time
 * is taken here, around the spawn, for both.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/** The package root: dist/test/bench/measure.js → three folders up. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BIN = join(ROOT, 'bin', 'chatproof.js');
const HERE = dirname(fileURLToPath(import.meta.url));
export const benchScript = (name: string): string => join(HERE, name);

export type RssMethod = 'gnu-time' | 'resource-usage';

export function detectRssMethod(): RssMethod {
  const probe = spawnSync('/usr/bin/time', ['-v', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /Maximum resident set size/.test(probe.stderr) ? 'gnu-time' : 'resource-usage';
}

export interface Run {
  readonly code: number | null;
  readonly wallMs: number;
  /** Peak resident set size, bytes; null when the stats could not be read. */
  readonly maxRss: number | null;
  /**
   * User + system CPU seconds of the child: on a machine shared with other work, wall time
   * includes waiting for a core, CPU time does not, so both are reported.
   */
  readonly cpuSeconds: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The child's environment: no inherited archive or token, English messages, no colour, no bar. */
function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { CHATPROOF_DB: _db, CHATWORK_API_TOKEN: _token, ...rest } = process.env;
  return { ...rest, LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8', CHATPROOF_LANG: 'en', NO_COLOR: '1', ...extra };
}

export interface RunOptions {
  /** 'ignore' sends stdout to /dev/null (show of a 200k room prints ~40 MB). */
  readonly stdout?: 'capture' | 'ignore';
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs `node SCRIPT ARGS…` and measures it. */
export function runNode(method: RssMethod, script: string, args: readonly string[], opts: RunOptions = {}): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'chatproof-bench-stats-'));
  const stats = join(dir, 'stats.txt');
  const [cmd, argv] =
    method === 'gnu-time'
      ? ['/usr/bin/time', ['-v', '-o', stats, process.execPath, script, ...args]]
      : [process.execPath, [benchScript('rss-wrapper.js'), stats, script, ...args]];
  return runCommand(cmd, argv, opts).then((r) => {
    let maxRss: number | null = null;
    let cpuSeconds: number | null = null;
    try {
      const text = readFileSync(stats, 'utf8');
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
      if (m) maxRss = Number(m[1]) * 1024;
      const user = /User time \(seconds\): ([\d.]+)/.exec(text);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(text);
      if (user && sys) cpuSeconds = Number(user[1]) + Number(sys[1]);
    } catch {
      // No stats file: the child died before writing it; the caller reports the exit code.
    }
    rmSync(dir, { recursive: true, force: true });
    return { ...r, maxRss, cpuSeconds };
  });
}

/** Runs any command; wall time only. */
export function runCommand(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<Run> {
  return new Promise((res, rej) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT, env: childEnv(opts.env), stdio: ['ignore', opts.stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', rej);
    child.on('close', (code) => {
      res({
        code,
        wallMs: performance.now() - started,
        maxRss: null,
        cpuSeconds: null,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/**
 * `once`, run `times` times: the median of each figure (wall, CPU, peak RSS) with the code and
 * output of the first run that failed, or else of the last. One cold run of a sub-second command moved by ±10 % between full runs, and a
 * peak RSS by ±10 MiB with when V8 collected (docs/performance.md): a ratio of two single runs
 * said more about the moment than about the code.
 */
export async function medianRun(times: number, once: () => Promise<Run>): Promise<Run> {
  const runs: Run[] = [];
  for (let i = 0; i < times; i++) runs.push(await once());
  const known = (xs: readonly (number | null)[]): number | null => {
    const ns = xs.filter((x): x is number => x !== null);
    return ns.length === runs.length ? median(ns) : null;
  };
  const shown = runs.find((r) => r.code !== 0) ?? runs[runs.length - 1]!;
  return { ...shown, wallMs: median(runs.map((r) => r.wallMs)), maxRss: known(runs.map((r) => r.maxRss)), cpuSeconds: known(runs.map((r) => r.cpuSeconds)) };
}

/** `chatproof ARGS…`, measured; throws with its stderr when it fails (a benchmark of a failure measures nothing). */
export async function runCli(method: RssMethod, args: readonly string[], opts: RunOptions & { okCodes?: readonly number[] } = {}): Promise<Run> {
  const r = await runNode(method, BIN, args, opts);
  if (!(opts.okCodes ?? [0]).includes(r.code ?? -1)) throw new Error(`chatproof ${args.join(' ')} exited ${String(r.code)}:\n${r.stderr.slice(-2000)}`);
  return r;
}
