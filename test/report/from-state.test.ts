/**
 * A private report read from the room's kept state (src/report/from-state.ts) is the report the
 * fold of every capture gives, and what it takes from the state is checked against the captures.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrityError } from '../../src/core/errors.js';
import { listRootHex } from '../../src/core/merkle.js';
import { buildReport, composeReport } from '../../src/report/build.js';
import { collectReportSource } from '../../src/report/collect.js';
import { reportFromState } from '../../src/report/from-state.js';
import type { Report } from '../../src/report/model.js';
import type { BuildOptions } from '../../src/report/options.js';
import { auditPaths, listAuditPaths } from '../../src/report/proofs.js';
import { parseRange } from '../../src/report/range.js';
import { Archive } from '../../src/store/archive.js';
import { listTrees, listTreesInThread } from '../../src/store/list-trees.js';
import { listPieces, readList } from '../../src/store/lists/hash-lists.js';
import { T } from '../../src/store/room-state/tables.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { expectOk } from './helpers.js';

const TZ = 'Asia/Tokyo';
const ROOM = '鈴木一郎';
const PER_DAY = 6;

type Change = 'unsend' | 'delete' | 'edit';
/** Changes by export (1-based), day and message: days 3–5 are the range, the others around it. */
const CHANGES: Record<number, Record<string, Change>> = {
  2: { '1:2': 'unsend', '2:4': 'delete', '3:1': 'unsend', '3:4': 'edit', '4:0': 'delete', '5:5': 'edit', '7:1': 'delete', '8:3': 'edit' },
  3: { '3:4': 'edit', '4:3': 'delete', '5:2': 'unsend', '6:0': 'edit', '4:5': 'edit', '9:1': 'unsend' },
};

/** A LINE export of the room as export `n` saw it: days 1..`days`, with the changes of exports up to `n`. */
function lineExport(n: number, days: number): string {
  const lines = [`[LINE] ${ROOM}とのトーク履歴`, `保存日時：2024/05/${String(days).padStart(2, '0')} 23:00`, ''];
  for (let d = 1; d <= days; d++) {
    lines.push(`2024/05/${String(d).padStart(2, '0')}(${'日月火水木金土'[new Date(Date.UTC(2024, 4, d)).getUTCDay()]})`);
    for (let i = 0; i < PER_DAY; i++) {
      const time = `${String(9 + i).padStart(2, '0')}:${String(d * 3 + i).padStart(2, '0')}`;
      const sender = i % 2 === 0 ? ROOM : '山田太郎';
      let text = `${d}日目の${i}件目: 納品物の確認をお願いします（案件${d * 10 + i}）`;
      let gone = false;
      for (let k = 2; k <= n; k++) {
        const change = CHANGES[k]?.[`${d}:${i}`];
        if (change === 'edit') text = `${text}。修正版${k}`;
        if (change === 'delete') gone = true;
        if (change === 'unsend') text = '';
      }
      if (gone) continue;
      lines.push(text === '' ? `${time}\t\t${sender}がメッセージの送信を取り消しました` : `${time}\t${sender}\t${text}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

const tmp = tempArchive();
let archive: Archive;

const options = (range: BuildOptions['range'], priv = true): BuildOptions => ({
  lang: 'ja',
  title: null,
  tz: TZ,
  range,
  private: priv,
  generator: 'chatproof test',
});
const RANGE = parseRange('2024-05-03', '2024-05-05', TZ);

/** The model without the embedded files' byte generators (functions), which the manifest's hash stands for. */
function comparable(r: Report): unknown {
  return { ...r, embedded: r.embedded.map(({ name, size, sha256, role }) => ({ name, size, sha256, role })) };
}

async function fromState(opts: BuildOptions): Promise<Report> {
  const room = archive.rooms()[0]!;
  const parts = await reportFromState(archive, room, opts);
  if (parts === null) throw new Error('the state was not read');
  return composeReport(parts.src, opts, parts.set, parts.proofs);
}

function folded(opts: BuildOptions): Report {
  return buildReport(collectReportSource(archive, archive.rooms()[0]!, { withOriginals: false }), opts);
}

beforeAll(async () => {
  for (const [n, days] of [
    [1, 6],
    [2, 9],
    [3, 10],
  ] as const) {
    const file = join(tmp.dir, `export-${n}.txt`);
    writeFileSync(file, lineExport(n, days));
    expectOk(await cli(['import', file, '--db', tmp.db, '--tz', TZ]));
  }
  archive = Archive.open(tmp.db);
});
afterAll(() => {
  archive.close();
  tmp.cleanup();
});

describe('a private report read from the kept state', () => {
  it('is the report the fold of every capture gives: a range with edits, unsends and deletions in and around it, and --private', async () => {
    const report = await fromState(options(RANGE));
    const statuses = new Set(report.transcript.map((m) => m.status));
    expect([...statuses].sort()).toEqual(['deleted', 'edited', 'present', 'unsent']);
    expect(report.transcript.every((m) => m.sentAt >= '2024-05-03' && m.sentAt < '2024-05-06')).toBe(true);
    expect(report.captures.map((c) => c.ordinal)).toEqual([1, 2, 3]);
    expect(comparable(report)).toEqual(comparable(folded(options(RANGE))));
    expect(comparable(await fromState(options(null)))).toEqual(comparable(folded(options(null))));
    const edge = parseRange('2024-05-05T12:00', '2024-05-07T10:00', TZ);
    expect(comparable(await fromState(options(edge)))).toEqual(comparable(folded(options(edge))));
  });

  it('gives a PDF that verify-report passes (exit 0)', async () => {
    const pdf = join(tmp.dir, 'range.pdf');
    expectOk(await cli(['report', ROOM, '-o', pdf, '--from', '2024-05-03', '--to', '2024-05-05', '--db', tmp.db, '--tz', TZ]));
    expect((await cli(['verify-report', pdf])).code).toBe(0);
  });
});

describe('a kept state that disagrees with the captures', () => {
  const key = (): number => archive.sqlite.prepare(`SELECT k FROM ${T.rooms}`).pluck().get() as number;
  // Rows of the range's messages (state rows: status 0 present, 1 edited, 2 deleted, 3 unsent; `last` NULL: still in the newest capture).
  const inRange = (): string => `ord IN (SELECT ord FROM ${T.messages} WHERE room = ${key()} ORDER BY ord LIMIT 12 OFFSET 13)`;
  /** Runs `change` on the state, expects the report refused naming `detail`, then lets the state be built again. */
  async function refused(change: string, detail: RegExp): Promise<void> {
    await fromState(options(RANGE)); // the state built (again) from the captures
    archive.sqlite.exec(change.replaceAll(':room', String(key())).replaceAll(':range', inRange()));
    let error: unknown;
    try {
      await fromState(options(RANGE));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IntegrityError);
    expect(String((error as IntegrityError).message)).toMatch(detail);
    discard();
  }
  /** What `verify` does with a state that differs: the next read builds it again from the captures. */
  const discard = (): void => {
    for (const table of [T.messages, T.captures, T.rooms]) archive.sqlite.exec(`DELETE FROM ${table}`);
  };

  it('is refused when a deletion is turned back into "present" as of its last sighting', async () => {
    await refused(`UPDATE ${T.messages} SET status = 0, as_of = last WHERE room = :room AND status = 2 AND last IS NOT NULL AND :range`, /deleted|present/);
  });

  it('is never what `chatproof report` reads: the command builds the state again from the captures first, so the forgery has no effect', async () => {
    await fromState(options(RANGE));
    const deleted = (): number => archive.sqlite.prepare(`SELECT COUNT(*) FROM ${T.messages} WHERE room = ? AND status = 2`).pluck().get(key()) as number;
    const before = deleted();
    expect(before).toBeGreaterThan(0);
    // Every deletion turned into "present" (the state-check refuses this one; the rebuild means a forgery it would miss fares no better).
    archive.sqlite.exec(`UPDATE ${T.messages} SET status = 0, as_of = last WHERE room = ${key()} AND status = 2`);
    expect(deleted()).toBe(0);
    const pdf = join(tmp.dir, 'x.pdf');
    const r = await cli(['report', ROOM, '-o', pdf, '--from', '2024-05-03', '--to', '2024-05-05', '--db', tmp.db, '--tz', TZ]);
    expect(r.code, r.stderr).toBe(0);
    expect(deleted()).toBe(before);
    expect((await cli(['verify-report', pdf])).code).toBe(0);
    expect(comparable(await fromState(options(RANGE)))).toEqual(comparable(folded(options(RANGE))));
  });

  it('is refused when a message the newest capture still lists is left out of the range', async () => {
    await refused(
      `DELETE FROM ${T.messages} WHERE room = :room AND status = 0 AND last IS NULL AND :range AND ord = (SELECT MIN(ord) FROM ${T.messages} WHERE room = :room AND :range AND status = 0 AND last IS NULL)`,
      /leaves out/,
    );
  });

  it('is refused when a message still listed is said to have been last seen in capture #1', async () => {
    await refused(
      `UPDATE ${T.messages} SET last = 0, as_of = 0 WHERE room = :room AND status = 0 AND last IS NULL AND first = 0 AND :range`,
      /after its last sighting/,
    );
  });

  it('is refused when a version is attributed to a capture that does not list it', async () => {
    await refused(
      `UPDATE ${T.messages} SET first = 2 WHERE room = :room AND status = 0 AND first = 0 AND last IS NULL AND :range`,
      /does not hold it|before its first sighting/,
    );
  });

  it('is built again from the captures once discarded, and the report is the fold again', async () => {
    expect(comparable(await fromState(options(RANGE)))).toEqual(comparable(folded(options(RANGE))));
  });
});

describe('listAuditPaths (a stored list, level by level)', () => {
  it("gives auditPaths' paths for every leaf, and the list's root, for trees of 0..40 leaves", () => {
    for (let n = 0; n <= 40; n++) {
      const leaves = Array.from({ length: n }, (_, i) => Buffer.alloc(32, (i * 7 + n) % 251));
      const list = Buffer.concat(leaves);
      const mine = listAuditPaths(list, leaves.keys());
      const theirs = auditPaths(leaves, leaves.keys());
      for (let i = 0; i < n; i++) expect(mine.paths.get(i)).toEqual(theirs.get(i));
      expect(mine.root).toBe(listRootHex(list));
    }
  });
});

describe('the lists’ trees in a second thread', () => {
  it('are the main thread’s: root, size and paths (the thread reads the built copy in dist/)', async () => {
    const jobs = archive
      .rooms()
      .flatMap((r) => archive.captures(r.id))
      .map((c) => ({ captureId: c.id, leaves: c.messageCount, indices: [0, c.messageCount - 1, 7] }));
    const here = listTrees(archive.sqlite, jobs);
    expect(here.map((t) => t.root)).toEqual(
      archive
        .rooms()
        .flatMap((r) => archive.captures(r.id))
        .map((c) => c.merkleRoot),
    );
    expect(await listTreesInThread(tmp.db, jobs)).toEqual(here);
  });

  it('read each list piece by piece, as readList reads it whole', () => {
    for (const c of archive.rooms().flatMap((r) => archive.captures(r.id))) {
      const pieces = [...listPieces(archive.sqlite, c.id)];
      expect(pieces.length).toBeGreaterThan(1);
      expect(Buffer.concat(pieces)).toEqual(readList(archive.sqlite, c.id));
    }
  });
});
