/**
 * The progress bar (src/cli/progress.ts) with a fake terminal: it draws only on a TTY, never with
 * --json, not before its delay, and erases itself. Time is a fake clock, never a real wait.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { startProgress, withProgress } from '../../src/cli/progress.js';
import { tempArchive } from '../support/temp.js';

/** A stream that records what was written, terminal or not. */
function fakeStream(isTTY: boolean): { write(s: string): boolean; readonly isTTY: boolean; readonly columns: number; text(): string } {
  const chunks: string[] = [];
  return { write: (s: string) => chunks.push(s) > 0, isTTY, columns: 100, text: () => chunks.join('') };
}

/** Erase-line sequences, as Node's readline writes them (clearLine). */
const ERASE = /\x1b\[2K/;

describe('startProgress', () => {
  it('draws on a TTY once the delay has passed, and erases the line when finished', () => {
    const stderr = fakeStream(true);
    let now = 0;
    const p = startProgress({ stderr, env: {} }, { json: false, label: 'import', delayMs: 1000, now: () => now });
    p.update('store', 10, 100);
    expect(stderr.text()).toBe('');
    now = 1500;
    p.update('store', 50, 100);
    expect(stderr.text()).toContain('import store');
    expect(stderr.text()).toContain('50%');
    p.finish();
    expect(stderr.text()).toMatch(ERASE);
    const before = stderr.text();
    p.update('store', 100, 100);
    expect(stderr.text()).toBe(before);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const stderr = fakeStream(false);
    const p = startProgress({ stderr, env: {} }, { json: false, label: 'verify', delayMs: 0 });
    p.update('messages', 5, 10);
    p.finish();
    expect(stderr.text()).toBe('');
  });

  it('writes nothing under --json, even on a terminal', () => {
    const stderr = fakeStream(true);
    withProgress({ stderr, env: {} }, { json: true, label: 'verify', delayMs: 0 }, (update) => update('messages', 5, 10));
    expect(stderr.text()).toBe('');
  });

  it('clear() erases the bar so that other lines can be written, and the next update draws it again', () => {
    const stderr = fakeStream(true);
    const p = startProgress({ stderr, env: {} }, { json: false, label: 'import', delayMs: 0 });
    p.update('parse', 0, 1);
    p.clear();
    const cleared = stderr.text().length;
    expect(stderr.text()).toMatch(ERASE);
    p.update('store', 1, 2);
    expect(stderr.text().slice(cleared)).toContain('import store');
    p.finish();
  });

  it('CHATPROOF_PROGRESS_DELAY_MS overrides the delay', () => {
    const stderr = fakeStream(true);
    const p = startProgress({ stderr, env: { CHATPROOF_PROGRESS_DELAY_MS: '0' } }, { json: false, label: 'report', delayMs: 60_000, now: () => 0 });
    p.update('pages', 1, 3);
    p.finish();
    expect(stderr.text()).toContain('report pages');
  });
});

describe('the bar in import and verify', () => {
  let tmp = tempArchive();
  afterEach(() => {
    tmp.cleanup();
    tmp = tempArchive();
  });

  async function run(argv: readonly string[], stderrIsTTY: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = fakeStream(false);
    const stderr = fakeStream(stderrIsTTY);
    const io: Io = {
      stdout,
      stderr,
      stdin: Readable.from([]) as Io['stdin'],
      // Delay 0: the bar shows at once, so the test needs no real second.
      env: { LANG: 'en_US.UTF-8', CHATPROOF_PROGRESS_DELAY_MS: '0' },
      cwd: process.cwd(),
      signal: new AbortController().signal,
    };
    const code = await runCli(argv, io);
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  const scenario = join('test', 'fixtures', 'scenarios', 'line-unsend-and-delete', 'capture-1.txt');

  it('shows import and verify phases on a terminal, and erases them', async () => {
    const imp = await run(['import', scenario, '--db', tmp.db], true);
    expect(imp.code).toBe(0);
    expect(imp.stderr).toContain('import store');
    expect(imp.stderr).toMatch(ERASE);
    expect(imp.stdout).not.toContain('import store');
    const ver = await run(['verify', '--db', tmp.db], true);
    expect(ver.code).toBe(0);
    expect(ver.stderr).toContain('verify messages');
    expect(ver.stderr).toMatch(ERASE);
    expect(ver.stdout).toContain('No problems');
    const ja = await run(['verify', '--db', tmp.db, '--lang', 'ja'], true);
    expect(ja.stderr).toContain('検証 メッセージ');
  });

  it('shows no bar with --json, nor when stderr is not a terminal', async () => {
    const json = await run(['import', scenario, '--db', tmp.db, '--json'], true);
    expect(json.code).toBe(0);
    expect(json.stderr).not.toContain('import store');
    expect(JSON.parse(json.stdout)).toHaveProperty('capture');
    const piped = await run(['import', scenario, '--db', tmp.db], false);
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toContain('import store');
    expect(piped.stderr).not.toMatch(ERASE);
    const verified = await run(['verify', '--db', tmp.db, '--json'], true);
    expect(verified.code).toBe(0);
    expect(verified.stderr).toBe('');
  });
});
