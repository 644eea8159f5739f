/**
 * The built CLI (`node bin/chatproof.js`) as a child process: what a crash test can SIGKILL and
 * what several writers run as. `npm test` builds dist/ first; a direct `npx vitest run` builds it
 * here when it is missing or older than the sources, under a lock so that parallel test files do
 * not build over each other.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BIN = join(ROOT, 'bin', 'chatproof.js');
/** What bin/chatproof.js loads: the bundle, made after tsc (`npm run build`). */
const BUILT_MAIN = join(ROOT, 'dist', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(BUILT_MAIN)) return false;
  const built = statSync(BUILT_MAIN).mtimeMs;
  return ['src', 'exporters'].every((d) => !existsSync(join(ROOT, d)) || newestSource(join(ROOT, d)) <= built);
}

/** Builds dist/ unless it is already there and current. Call from beforeAll. */
export function ensureBuilt(): void {
  if (isFresh()) return;
  const lock = join(tmpdir(), `chatproof-build-lock-${Buffer.from(ROOT).toString('hex').slice(-24)}`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 120 s for ${lock}; remove it if no build is running`);
      spawnSync('sleep', ['0.2']);
    }
  }
  try {
    if (isFresh()) return;
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const bundle = spawnSync(process.execPath, [join(ROOT, 'bin', 'bundle.js')], { cwd: ROOT, encoding: 'utf8' });
    // tsc still emits on type errors; the tests only need runnable JS, so a missing file is the failure.
    if (!existsSync(BUILT_MAIN)) throw new Error(`building the CLI failed:\n${tsc.stdout}${tsc.stderr}${bundle.stdout}${bundle.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** The environment a child gets: no inherited archive location or token; English messages (C.UTF-8 exists everywhere, en_US may not). */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { CHATPROOF_DB: _db, CHATWORK_API_TOKEN: _token, CHATPROOF_BUSY_TIMEOUT_MS: _busy, ...rest } = process.env;
  return { ...rest, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', CHATPROOF_LANG: 'en', NO_COLOR: '1', ...extra };
}

export interface Running {
  readonly child: ChildProcess;
  readonly done: Promise<Finished>;
}

/** Starts `chatproof ARGS`; `done` settles when it exits (whatever the exit). */
export function startCli(args: readonly string[], opts: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number; cwd?: string } = {}): Running {
  const started = Date.now();
  const spawnOpts: SpawnOptions = { cwd: opts.cwd ?? ROOT, env: childEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] };
  if (opts.uid !== undefined) spawnOpts.uid = opts.uid;
  if (opts.gid !== undefined) spawnOpts.gid = opts.gid;
  const child = spawn(process.execPath, [BIN, ...args], spawnOpts);
  return { child, done: collect(child, started) };
}

export function runCliProcess(args: readonly string[], opts: Parameters<typeof startCli>[1] = {}): Promise<Finished> {
  return startCli(args, opts).done;
}

/** `cmd` run through bash, for rlimits (`ulimit -f`) that node cannot set on a child. */
export function startShell(script: string, env: NodeJS.ProcessEnv = {}): Running {
  const started = Date.now();
  const child = spawn('bash', ['-c', script], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  return { child, done: collect(child, started) };
}

/** The child's output and how it ended. */
function collect(child: Running['child'], started: number): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise<Finished>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr, ms: Date.now() - started }));
  });
}
