import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/hash.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';

const scenario = (n: number): string => join('test', 'fixtures', 'scenarios', 'line-unsend-and-delete', `capture-${n}.txt`);

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

interface ImportJson {
  capture: {
    id: string;
    room: { id: string; title: string; source: string };
    format: string;
    messages: number;
    rawSha256: string;
    merkleRoot: string;
    coverage: { kind: string; from: string; to: string };
    entry: { seq: number; hash: string };
  };
  changes: Record<string, number>;
  warnings: unknown[];
}

describe('import of a LINE export', () => {
  it('records a capture with the contract JSON and the raw bytes hashed as sha256sum would', async () => {
    const r = await cli(['import', scenario(1), '--json', '--db', tmp.db]);
    expect(r.stderr).toContain('line');
    expect(r.code).toBe(0);
    const out = r.json<ImportJson>();
    expect(out.capture).toMatchObject({
      format: 'line',
      messages: 6,
      room: { title: '佐藤花子', source: 'line' },
      coverage: { kind: 'full', from: '2024-03-04T10:00:00+09:00', to: '2024-03-05T20:00:00+09:00' },
    });
    expect(out.capture.rawSha256).toBe(sha256Hex(readFileSync(scenario(1))));
    expect(out.changes).toEqual({ added: 6, edited: 0, deleted: 0, unsent: 0, unchanged: 0, notCovered: 0 });
  });

  it('re-importing the same bytes adds a capture but stores the bytes once', async () => {
    const a = (await cli(['import', scenario(1), '--json', '--db', tmp.db])).json<ImportJson>();
    const b = await cli(['import', scenario(1), '--json', '--db', tmp.db]);
    expect(b.code).toBe(0);
    const second = b.json<ImportJson>();
    expect(second.capture.id).not.toBe(a.capture.id);
    expect(second.capture.room.id).toBe(a.capture.room.id);
    expect(second.changes).toMatchObject({ added: 0, unchanged: 6 });
    const db = new Database(tmp.db, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM blobs').pluck().get()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM captures').pluck().get()).toBe(2);
    expect(db.prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(6);
    db.close();
  });

  it('the shared scenario gives exactly the changes its README states', async () => {
    await cli(['import', scenario(1), '--db', tmp.db]);
    const r = await cli(['import', scenario(2), '--json', '--db', tmp.db]);
    expect(r.code).toBe(0);
    expect(r.json<ImportJson>().changes).toEqual({ added: 2, unsent: 1, deleted: 1, edited: 0, unchanged: 4, notCovered: 0 });

    const show = await cli(['show', '佐藤花子', '--json', '--db', tmp.db]);
    const messages = show.json<{ messages: { status: string; body: string; sentAt: string; history: { body: string }[] }[] }>().messages;
    const unsent = messages.filter((m) => m.status === 'unsent');
    expect(unsent).toHaveLength(1);
    expect(unsent[0]!.body).toBe('3/10で大丈夫です。修正は2回まで無料でお願いします');
    const deleted = messages.filter((m) => m.status === 'deleted');
    expect(deleted.map((m) => [m.sentAt, m.body])).toEqual([['2024-03-05T19:30:00+09:00', '追加でもう1点お願いします。同じ単価で']]);

    const diff = await cli(['diff', '佐藤花子', '--json', '--db', tmp.db]);
    const types = diff
      .json<{ changes: { type: string }[] }>()
      .changes.map((c) => c.type)
      .sort();
    expect(types).toEqual(['added', 'added', 'deleted', 'unsent']);
    const human = await cli(['diff', '佐藤花子', '--db', tmp.db]);
    // Times in the archive's zone, named as the report names them; the marks explained first.
    expect(human.stdout).toMatch(/^Marks: \+ added · - deleted · M edited .* · × unsent$/m);
    expect(human.stdout).toMatch(/^× 2024-03-04 10:07 JST {2}佐藤花子: 3\/10で大丈夫です/m);
    expect(human.stdout).toMatch(/^- 2024-03-05 19:30 JST {2}/m);
    expect(human.stdout).not.toMatch(/\[[0-9a-f]{10}\]/);
    const tagged = await cli(['diff', '佐藤花子', '--verbose', '--tz', 'Europe/London', '--db', tmp.db]);
    expect(tagged.stdout).toMatch(/^× 2024-03-04 01:07 UTC\+00:00 {2}佐藤花子: 3\/10で大丈夫です.* \[[0-9a-f]{10}\]$/m);
    expect((await cli(['verify', '--db', tmp.db])).code).toBe(0);
  });

  it('a warning found while the messages are stored is printed, in the JSON and counted in the entry, new room or known', async () => {
    const file = join('test', 'fixtures', 'line', '12h-midnight', 'input.txt');
    const note = /12:10 in the morning .* was read as midnight/;
    for (const room of ['new', 'known']) {
      const r = await cli(['import', file, '--json', '--db', tmp.db]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(note);
      const out = r.json<ImportJson>();
      expect(out.changes.added, room).toBe(room === 'new' ? out.capture.messages : 0);
      expect(out.warnings).toEqual([expect.objectContaining({ message: expect.stringMatching(note) as unknown })]);
      const db = new Database(tmp.db, { readonly: true });
      const payload = JSON.parse(db.prepare('SELECT payload FROM log WHERE seq = ?').pluck().get(out.capture.entry.seq) as string) as {
        capture: { meta: { warnings: number } };
      };
      db.close();
      expect(payload.capture.meta.warnings).toBe(1);
    }
  });

  it('a desktop export read with --member is read the same way again by verify and report', async () => {
    // "山田 太郎" has a space: only --member tells the name from the body; without it the same lines read otherwise.
    const path = join(tmp.dir, 'desktop.txt');
    writeFileSync(path, '2021.01.01 金曜日\n12:03 山田 太郎 あけましておめでとうございます\n12:04 佐藤花子 今年もよろしく\n');
    const r = await cli(['import', path, '--member', '山田 太郎', '--room', '佐藤花子', '--json', '--db', tmp.db]);
    expect(r.code, r.stderr).toBe(0);
    const plain = await cli(['import', path, '--room', '別室', '--json', '--db', join(tmp.dir, 'plain.db')]);
    expect(plain.json<ImportJson>().capture.merkleRoot).not.toBe(r.json<ImportJson>().capture.merkleRoot);
    const verified = await cli(['verify', '--db', tmp.db]);
    expect(verified.code, verified.stdout).toBe(0);
    const reported = await cli(['report', '佐藤花子', '-o', join(tmp.dir, 'r.pdf'), '--db', tmp.db]);
    expect(reported.code, reported.stderr).toBe(0);
    const checked = await cli(['verify-report', join(tmp.dir, 'r.pdf')]);
    expect(checked.code, checked.stdout).toBe(0);
  });

  it('a file no importer recognises is exit 3, says what was tried, and leaves the archive as it was', async () => {
    await cli(['import', scenario(1), '--db', tmp.db]);
    const before = (await cli(['verify', '--json', '--db', tmp.db])).json<{ entries: number }>().entries;
    const junk = join(tmp.dir, 'note.txt');
    (await import('node:fs')).writeFileSync(junk, '買い物メモ\n牛乳\n卵\n');
    const r = await cli(['import', junk, '--db', tmp.db]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/line/);
    expect(r.stderr).toMatch(/chatwork-json/);
    const after = await cli(['verify', '--json', '--db', tmp.db]);
    expect(after.code).toBe(0);
    expect(after.json<{ entries: number }>().entries).toBe(before);
  });

  it('a paste without a room name needs --room (exit 2), and then imports', async () => {
    const fragment = readFileSync(scenario(1), 'utf8').split('\n').slice(3).join('\n');
    const r = await cli(['import', '-', '--db', tmp.db], { stdin: fragment });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--room');
    const ok = await cli(['import', '-', '--room', '佐藤花子', '--json', '--db', tmp.db], { stdin: fragment });
    expect(ok.code).toBe(0);
    expect(ok.json<ImportJson>().capture).toMatchObject({ messages: 6, coverage: { kind: 'window' } });
  });
});
