import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { restateCaptures } from '../support/restate.js';
import { tempArchive } from '../support/temp.js';
import { expectOk, scenario } from '../report/helpers.js';

/**
 * verify compares every capture with its original, parsed again by the parser version the capture
 * names. A version this chatproof never had must not be a way out of that comparison: the owner
 * who restates the old export as the newest (save time moved on) and names `line@2` on it, the
 * chain recomputed, is found.
 */

interface VerifyJson {
  readonly problems: readonly { readonly kind: string; readonly where: string; readonly expected: string; readonly actual: string }[];
  readonly notReparsed: readonly unknown[];
}

describe('a capture naming a parser version this chatproof never had', () => {
  const archives: ReturnType<typeof tempArchive>[] = [];
  afterAll(() => archives.forEach((a) => a.cleanup()));

  it('is a finding (exit 5), not a capture listed as "not compared"', async () => {
    const a = tempArchive();
    archives.push(a);
    for (const n of [1, 2] as const) expectOk(await cli(['import', scenario(n), '--db', a.db]));
    expect((await cli(['verify', '--db', a.db])).code).toBe(0);

    restateCaptures(a.db, (c, n) => {
      if (n !== 1) return;
      c['parserVersion'] = 'line@2';
      c['sourceSavedAt'] = '2024-03-20T22:00:00+09:00';
    });
    // The captures row restates the entry's parser version: the rewrite keeps it equal.
    const sqlite = new Database(a.db);
    sqlite.prepare("UPDATE captures SET parser_version = 'line@2' WHERE entry_seq = (SELECT MIN(entry_seq) FROM captures)").run();
    sqlite.close();

    const r = await cli(['verify', '--db', a.db, '--json']);
    expect(r.code).toBe(5);
    const json = r.json<VerifyJson>();
    expect(json.notReparsed).toEqual([]);
    expect(json.problems.map((p) => p.kind)).toEqual(['capture-parser-unknown']);
    expect(json.problems[0]!.actual).toContain('line@2');
    expect(json.problems[0]!.expected).toContain('line@1');

    const ja = await cli(['verify', '--db', a.db], { env: { CHATPROOF_LANG: 'ja' } });
    expect(ja.code).toBe(5);
    expect(ja.stdout + ja.stderr).toContain('この chatproof にはない版です');
  });
});
