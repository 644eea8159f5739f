import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { Archive } from '../../src/store/archive.js';
import { verifyArchive } from '../../src/store/verify.js';
import { FakeChatwork } from '../support/chatwork-server.js';
import { tempArchive } from '../support/temp.js';

let api: FakeChatwork;
let tmp: ReturnType<typeof tempArchive>;
beforeEach(async () => {
  api = await FakeChatwork.start();
  tmp = tempArchive();
  api.addRoom('111', '案件A');
  api.post('111', { accountId: 1, name: 'A', body: 'hello', sendTime: 1709251500 });
});
afterEach(async () => {
  await api.close();
  tmp.cleanup();
});

/** Runs the CLI in-process and presses Ctrl-C (aborts io.signal) when `when` first sees the output. */
async function runUntil(argv: string[], when: (out: string) => boolean): Promise<{ code: number; out: string }> {
  const stop = new AbortController();
  let out = '';
  const write = (s: string): boolean => {
    out += s;
    if (!stop.signal.aborted && when(out)) stop.abort();
    return true;
  };
  const io: Io = {
    stdout: { write, isTTY: false },
    stderr: { write, isTTY: false },
    stdin: Readable.from([]) as Io['stdin'],
    env: { LANG: 'en_US.UTF-8', CHATWORK_API_TOKEN: api.token, CHATWORK_API_BASE: api.baseUrl },
    cwd: process.cwd(),
    signal: stop.signal,
  };
  const code = await runCli(['sync', 'chatwork', '--db', tmp.db, ...argv], io);
  return { code, out };
}

describe('stopping sync with Ctrl-C', () => {
  it('--every stops cleanly during the wait: exit 130, the pass before it recorded', async () => {
    const started = Date.now();
    const r = await runUntil(['--every', '10m'], (out) => out.includes('Next sync at'));
    expect(r.code).toBe(130);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.out).toMatch(/recorded 案件A \(111\): 1 message /);
    expect(r.out).toMatch(/Stopped\. Every room recorded so far stays recorded\./);
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      expect(archive.rooms()).toHaveLength(1);
      expect(verifyArchive(archive.sqlite).ok).toBe(true);
    } finally {
      archive.close();
    }
  });

  it('a stop between rooms keeps the rooms done and says which were not: exit 130', async () => {
    api.addRoom('222', '雑談');
    const r = await runUntil([], (out) => out.includes('recorded 案件A'));
    expect(r.code).toBe(130);
    expect(r.out).toMatch(/Stopped \(Ctrl-C\)/);
    expect(r.out).toMatch(/Rooms done \(and recorded\): 案件A \(111\)\. Not synced: 222\./);
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      expect(archive.rooms().map((x) => x.externalId)).toEqual(['111']);
      expect(verifyArchive(archive.sqlite).ok).toBe(true);
    } finally {
      archive.close();
    }
  });
});
