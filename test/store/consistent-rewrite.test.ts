import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewriteList, storedList } from '../support/lists.js';
import { canonicalMessage, messageHash } from '../../src/core/canonical.js';
import { FORM_COLUMNS, FORM_WIDTH, messageOfRow, pushForm, type FormValue } from '../../src/store/message-forms.js';
import { listRootHex } from '../../src/core/merkle.js';
import { entryHash } from '../../src/store/entry-hash.js';
import { T } from '../../src/store/room-state/tables.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { opensslMissing, startTestTsa, type TestTsa } from '../support/tsa.js';
import { expectOk, importScenario } from '../report/helpers.js';

/**
 * Issue 20: the rewrite the store's own checks cannot see. One message is changed (1点1万円 →
 * 1点3万円) and everything that commits to it is recomputed — its row, the capture's hash list,
 * Merkle root and log entry, and every entry hash after it — as someone with the file and this
 * source code could. Only the stored original (still 1万円) and a TSA's token (over the old entry
 * hash) disagree; `verify` must say so, and exit 5.
 */

interface VerifyJson {
  readonly ok: boolean;
  readonly problems: readonly { readonly kind: string; readonly where: string }[];
  readonly window: { readonly newest: { readonly stampedSeq: number } | null; readonly unstamped: number };
}

type Row = { seq: number; kind: string; at: string; roomId: string | null; payload: string; prevHash: string | null; hash: string };

/** The consistent rewrite, done as the archive's owner could: triggers dropped, rows replaced, the chain recomputed. */
function rewriteConsistently(db: string, options: { restateTimestamps: boolean }): void {
  const sqlite = new Database(db);
  try {
    for (const name of sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) sqlite.exec(`DROP TRIGGER ${name}`);
    // The kept room state is derived data a rewrite would drop too (chatproof builds it again from the captures).
    for (const table of Object.values(T)) sqlite.exec(`DROP TABLE IF EXISTS ${table}`);
    const rows = sqlite.prepare(`SELECT hash, ${FORM_COLUMNS} FROM messages`).raw().all() as unknown[][];
    const victimRow = rows.find((r) => messageOfRow(r, 1).body.includes('1点1万円'))!;
    const victim = { hash: victimRow[0] as Buffer };
    const changed = { ...messageOfRow(victimRow, 1) };
    changed.body = changed.body.replace('1点1万円', '1点3万円');
    const newHash = Buffer.from(messageHash(changed), 'hex');
    const values: FormValue[] = [];
    pushForm(changed, canonicalMessage(changed), values);
    sqlite
      .prepare(
        `INSERT INTO messages (hash, ${FORM_COLUMNS}) VALUES (${Array(1 + FORM_WIDTH)
          .fill('?')
          .join(', ')})`,
      )
      .run(newHash, ...values);

    const roots = new Map<string, string>();
    for (const id of sqlite.prepare('SELECT id FROM captures').pluck().all() as string[]) {
      const stored = storedList(sqlite, id);
      const at = stored.indexOf(victim.hash);
      if (at < 0 || at % 32 !== 0) continue;
      const list = Buffer.from(stored);
      newHash.copy(list, at);
      const root = listRootHex(list);
      roots.set(id, root);
      rewriteList(sqlite, id, list);
      sqlite.prepare('UPDATE captures SET merkle_root = ? WHERE id = ?').run(root, id);
    }
    expect(roots.size).toBeGreaterThan(0);

    const log = sqlite.prepare('SELECT seq, kind, at, room_id AS roomId, payload, prev_hash AS prevHash, hash FROM log ORDER BY seq').all() as Row[];
    const newHashOf = new Map<number, string>();
    let prev: string | null = null;
    for (const e of log) {
      const payload = JSON.parse(e.payload) as Record<string, Record<string, unknown>>;
      const capture = payload['capture'];
      if (capture !== undefined && roots.has(capture['id'] as string)) capture['merkleRoot'] = roots.get(capture['id'] as string);
      const stamp = payload['timestamp'];
      if (stamp !== undefined && options.restateTimestamps) {
        // The stamped entry's new hash, and the stamped text to match: only the token cannot follow.
        stamp['hash'] = newHashOf.get(stamp['seq'] as number);
        stamp['data'] = JSON.stringify({ hash: stamp['hash'], seq: stamp['seq'], v: 1 });
      }
      const text = JSON.stringify(payload);
      const hash = entryHash({ seq: e.seq, kind: e.kind, at: e.at, roomId: e.roomId, prevHash: prev, payload });
      sqlite.prepare('UPDATE log SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(text, prev, hash, e.seq);
      newHashOf.set(e.seq, hash);
      prev = hash;
    }
  } finally {
    sqlite.close();
  }
}

const verify = async (db: string): Promise<{ code: number; json: VerifyJson }> => {
  const r = await cli(['verify', '--db', db, '--json']);
  return { code: r.code, json: r.json<VerifyJson>() };
};

describe('a consistent rewrite of one message', () => {
  const plain = tempArchive();
  afterAll(() => plain.cleanup());

  it('without a timestamp: the stored original, parsed again, disagrees, and verify exits 5', async () => {
    await importScenario(plain.db);
    expect((await verify(plain.db)).code).toBe(0);
    rewriteConsistently(plain.db, { restateTimestamps: false });
    const { code, json } = await verify(plain.db);
    expect(code).toBe(5);
    // The store's own checks pass: the rewrite is consistent; parsing the original again is what finds it.
    expect(new Set(json.problems.map((p) => p.kind))).toEqual(new Set(['capture-original-disagrees']));
    expect(json.window.newest).toBeNull();
  });

  it('report refuses to write a PDF its own embedded originals would contradict: exit 5, no file', async () => {
    const target = join(plain.dir, 'report.pdf');
    const r = await cli(['report', '佐藤花子', '-o', target, '--db', plain.db]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('The stored messages are not what their original says');
    expect(existsSync(target)).toBe(false);
  });
});

describe.skipIf(opensslMissing !== null)('a consistent rewrite below a timestamp', () => {
  const stamped = tempArchive();
  const restated = tempArchive();
  let tsa: TestTsa;
  beforeAll(async () => {
    tsa = await startTestTsa();
    for (const t of [stamped, restated]) {
      await importScenario(t.db);
      expectOk(await cli(['stamp', '--tsa', tsa.url, '--tsa-cert', tsa.caCertPath, '--db', t.db]));
    }
  });
  afterAll(async () => {
    await tsa.close();
    stamped.cleanup();
    restated.cleanup();
  });

  it('before the rewrite: verify holds and states what the newest timestamp vouches for', async () => {
    const { code, json } = await verify(stamped.db);
    expect(code).toBe(0);
    expect(json.window).toEqual({ newest: expect.objectContaining({ stampedSeq: 4 }), unstamped: 1, notYetStamped: [] });
  });

  it('the token names an entry whose hash the chain no longer holds: exit 5', async () => {
    rewriteConsistently(stamped.db, { restateTimestamps: false });
    const { code, json } = await verify(stamped.db);
    expect(code).toBe(5);
    expect(json.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['timestamp-entry-changed', 'capture-original-disagrees']));
  });

  it('the timestamp entry restated to the new hash: the token does not sign it, exit 5', async () => {
    rewriteConsistently(restated.db, { restateTimestamps: true });
    const { code, json } = await verify(restated.db);
    expect(code).toBe(5);
    expect(json.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['timestamp-token-broken', 'capture-original-disagrees']));
    expect(json.problems.map((p) => p.kind)).not.toContain('timestamp-entry-changed');
  });
});
