/**
 * Issue 18, "Japanese from the first word": every command, the error paths the suite provokes, and
 * `--help` of every command, run in Japanese mode (a Japanese locale, and `--lang ja` alone) and in
 * English mode. In Japanese, a line of human output (stdout and stderr; never `--json`) with no
 * Japanese in it fails, unless it carries only what needs no language. In English, a line with
 * Japanese fails unless that Japanese is the user's own data (room titles, names, bodies).
 */
import Database from 'better-sqlite3';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { FakeChatwork } from '../support/chatwork-server.js';
import { cli, type CliResult } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { opensslMissing, startTestTsa, type TestTsa } from '../support/tsa.js';

const JAPANESE = /[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/;

/**
 * A line that needs no language: after hashes and ids (hex), paths and addresses, dates, times,
 * zone names and numbers are taken out, no letter is left. A command line shown for the user to
 * type (`$ chatproof …`) is also one: commands are not translated.
 */
function languageFree(line: string): boolean {
  if (/^\s*\$ chatproof /.test(line)) return true;
  const rest = line
    .replace(/\S*[/\\]\S*/g, '')
    .replace(/\b[0-9a-f]{6,}\b/g, '')
    .replace(/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}(:\d{2})?\b|\bJST\b|\bUTC[+-]\d{2}:\d{2}\b/g, '')
    .replace(/\d+/g, '');
  return !/\p{L}/u.test(rest);
}

/**
 * A run of three or more English words in a line, once what is not prose is taken out: quoted text
 * (the user's or the source's own words, in "…", “…”, 「…」 or `…`), paths and addresses, options
 * (`--format`), commands (`chatproof config set tsa`), catalog codes (`input.tried`), certificate
 * names (`O=…, CN=…`) and hex. In Japanese output, such a run is an English
 * sentence the catalog does not cover yet, even inside a line whose frame is Japanese.
 */
function englishRun(line: string): string | null {
  const prose = line
    .replace(/"[^"]*"|“[^”]*”|「[^」]*」|`[^`]*`/g, ' ')
    .replace(/\b[A-Z]{1,2}=[^,、）)]*/g, ' ')
    .replace(/\bchatproof(?: [a-z][\w-]*)+/g, ' ')
    .replace(/\S*[/\\]\S*/g, ' ')
    .replace(/--?[a-z][\w-]*/g, ' ')
    .replace(/\b\w+(?:[.:]\w+)+\b/g, ' ')
    .replace(/\b[0-9a-f]{6,}\b/g, ' ');
  // Words apart by spaces only: a list of choices (`auto, line, chatwork-json`) is of codes, not a sentence.
  return /[A-Za-z]+(?: +[A-Za-z']+){2,}/.exec(prose)?.[0] ?? null;
}

/** A copy of the backup changed behind the tool's back: a capture's zone and a log entry's stored text. */
function tampered(dir: string): string {
  const file = join(dir, 'tampered.db');
  copyFileSync(join(dir, 'copy.db'), file);
  const db = new Database(file);
  try {
    for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) db.exec(`DROP TRIGGER "${name}"`);
    db.prepare("UPDATE captures SET tz = 'UTC' WHERE rowid = (SELECT min(rowid) FROM captures)").run();
    db.prepare("UPDATE log SET payload = payload || ' ' WHERE seq = 2").run();
  } finally {
    db.close();
  }
  return file;
}

/** Help wraps a description onto lines of its own: those belong to the item above them. */
function helpItems(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (/^ {6,}\S/.test(line) && out.length > 0 && out[out.length - 1] !== '') out[out.length - 1] += ' ' + line.trim();
    else out.push(line);
  }
  return out;
}

interface Run {
  readonly argv: readonly string[];
  readonly result: CliResult;
}

function lines(run: Run): string[] {
  const text = run.result.stderr + (run.argv.includes('--json') ? '' : run.result.stdout);
  const plain = text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  return (run.argv.includes('--help') ? helpItems(plain) : plain.split('\n')).filter((l) => l.trim() !== '');
}

const SCENARIO = resolve('test', 'fixtures', 'scenarios', 'line-unsend-and-delete');
const PASTE = resolve('test', 'fixtures', 'crowdworks', 'paste-contract-thread', 'input.txt');
const ROOM = '佐藤花子';

type Mode = 'ja-locale' | 'ja-flag' | 'en';

const ENV: Record<Mode, NodeJS.ProcessEnv> = {
  'ja-locale': { LANG: 'ja_JP.UTF-8' },
  'ja-flag': { LANG: 'en_US.UTF-8' },
  en: { LANG: 'en_US.UTF-8' },
};

describe('human output speaks one language', () => {
  const tmp = tempArchive();
  let api: FakeChatwork;
  let tsa: TestTsa | null = null;
  /** Everything the user wrote, which may appear in any language's output. */
  const userData = new Set<string>();

  beforeAll(async () => {
    api = await FakeChatwork.start();
    api.addRoom('111', '案件A');
    api.post('111', { accountId: 1, name: '鈴木', body: 'お世話になります', sendTime: 1_700_000_000 });
    if (opensslMissing === null) tsa = await startTestTsa();
    writeFileSync(join(tmp.dir, 'not-an-image.txt'), 'テキスト');
    writeFileSync(join(tmp.dir, 'garbage.txt'), 'this is no chat export at all\n');
    writeFileSync(join(tmp.dir, 'empty.txt'), '');
    writeFileSync(join(tmp.dir, 'broken.json'), '[{"message_id": "1" "body": "x"}]');
    writeFileSync(join(tmp.dir, 'webhook.json'), '{"webhook_setting_id":"1","webhook_event_type":"mention_to_me","webhook_event":{"message_id":"1"}}');
    writeFileSync(join(tmp.dir, 'no-body.json'), '[{"message_id":"1","account":{"account_id":1,"name":"鈴木"},"send_time":1700000000,"update_time":0}]');
    for (const w of [ROOM, '山田太郎', '案件A', '鈴木', 'お世話になります', 'テキスト', '観察メモ']) userData.add(w);
  });
  afterAll(async () => {
    await api.close();
    await tsa?.close();
    tmp.cleanup();
  });

  /** Every command, then the errors, then every --help; in one folder of its own per mode. */
  async function runAll(mode: Mode): Promise<Run[]> {
    const dir = join(tmp.dir, mode);
    const db = join(dir, 'demo-archive.db');
    const env = { ...ENV[mode], CHATWORK_API_TOKEN: api.token, CHATWORK_API_BASE: api.baseUrl, CHATPROOF_PROGRESS_DELAY_MS: '0' };
    const extra = mode === 'ja-flag' ? ['--lang', 'ja'] : [];
    const runs: Run[] = [];
    const run = async (...argv: string[]): Promise<CliResult> => {
      const full = [...argv, ...extra];
      const result = await cli(full, { env, cwd: tmp.dir });
      runs.push({ argv: full, result });
      return result;
    };
    const ok = async (...argv: string[]): Promise<CliResult> => {
      const r = await run(...argv);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      return r;
    };
    const fails = async (...argv: string[]): Promise<void> => {
      const r = await run(...argv);
      expect(r.code, `${argv.join(' ')} should fail`).not.toBe(0);
    };

    await ok('demo', '--keep', dir);
    const withDb = ['--db', db];
    await ok('rooms', ...withDb);
    await ok('captures', ROOM, ...withDb);
    const captures = (await cli(['captures', ROOM, '--json', ...withDb])).json<{ captures: { id: string }[] }>().captures;
    await ok('show', ROOM, '--verbose', ...withDb);
    await ok('show', ROOM, '--capture', captures[0]!.id, ...withDb);
    await ok('diff', ROOM, '--verbose', '--tz', 'Europe/London', ...withDb);
    await ok('import', join(SCENARIO, 'capture-2.txt'), ...withDb);
    await ok('import', PASTE, '--room', '観察メモ', '--yes', ...withDb);
    await ok('note', ROOM, '観察メモ', ...withDb);
    await ok('attach', ROOM, 'not-an-image.txt', '--kind', 'screenshot', ...withDb);
    await ok('attach', ROOM, 'not-an-image.txt', '--hash-only', ...withDb);
    await ok('sync', 'chatwork', ...withDb);
    if (tsa) await ok('stamp', '--tsa', tsa.url, '--tsa-cert', tsa.caCertPath, ...withDb);
    await ok('backup', join(dir, 'copy.db'), ...withDb);
    await ok('verify', '--db', join(dir, 'copy.db'));
    if (tsa) {
      await ok('report', ROOM, '-o', join(dir, 'stamped.pdf'), '--tsa', tsa.url, '--tsa-cert', tsa.caCertPath, ...withDb);
      await ok('verify-report', join(dir, 'stamped.pdf'), '--tsa-cert', tsa.caCertPath);
      // Without the CA the token's trust check fails: its details are shown, and must be in words too.
      await fails('verify-report', join(dir, 'stamped.pdf'));
    }
    await fails('verify', '--db', tampered(dir));

    // Errors the suite provokes elsewhere (test/cli, test/attach, test/sync, test/report), one each.
    await fails('bogus');
    await fails('rooms', '--bogus', ...withDb);
    await fails('note', ...withDb);
    await fails('note', ROOM, 'a', 'b', ...withDb);
    await fails('rooms', '--lang', 'fr', ...withDb);
    await fails('rooms', '--tz', 'Mars/Olympus', ...withDb);
    await fails('captures', 'no such room', ...withDb);
    await fails('import', 'empty.txt', ...withDb);
    await fails('import', 'garbage.txt', ...withDb);
    await fails('import', 'missing.txt', ...withDb);
    await fails('import', 'garbage.txt', '--format', 'fax', ...withDb);
    await fails('import', 'garbage.txt', '--coverage', 'most', ...withDb);
    await fails('import', PASTE, ...withDb);
    await fails('import', 'webhook.json', '--format', 'chatwork-json', ...withDb);
    await fails('import', 'broken.json', '--format', 'chatwork-json', ...withDb);
    await fails('import', 'no-body.json', '--format', 'chatwork-json', ...withDb);
    await fails('diff', '案件A', ...withDb);
    await fails('note', ROOM, '  ', ...withDb);
    await fails('attach', ROOM, 'missing.png', ...withDb);
    await fails('attach', ROOM, 'not-an-image.txt', '--note', ' ', ...withDb);
    await fails('report', ROOM, '-o', join(dir, 'no-folder', 'r.pdf'), ...withDb);
    await fails('report', ROOM, '-o', join(dir, 'r.pdf'), '--from', 'someday', ...withDb);
    await fails('verify-report', 'missing.pdf');
    await fails('verify-report', 'garbage.txt');
    await fails('sync', 'slack', ...withDb);
    await fails('sync', 'chatwork', '--room', 'general', ...withDb);
    const noToken = await cli(['sync', 'chatwork', ...withDb, ...extra], { env: ENV[mode], cwd: tmp.dir });
    runs.push({ argv: ['sync', 'chatwork'], result: noToken });
    expect(noToken.code).toBe(2);

    const names = buildProgram({
      io: { stdout: { write: () => true }, stderr: { write: () => true } } as never,
      code: 0,
      lang: 'en',
      run: async () => 0,
    }).commands.map((c) => c.name());
    expect(names.length).toBeGreaterThan(10);
    await ok('--help');
    for (const name of names) await ok(name, '--help');
    return runs;
  }

  for (const mode of ['ja-locale', 'ja-flag'] as const) {
    it(`in Japanese (${mode === 'ja-locale' ? 'LANG=ja_JP.UTF-8' : '--lang ja alone'}), every line has Japanese in it`, async () => {
      const runs = await runAll(mode);
      const bad = runs.flatMap((run) =>
        lines(run)
          .filter((l) => !JAPANESE.test(l) && !languageFree(l))
          .map((l) => `${run.argv.join(' ')}\n    ${l}`),
      );
      expect(bad).toEqual([]);
      const english = runs.flatMap((run) =>
        lines(run).flatMap((l) => {
          const words = englishRun(l);
          return words === null ? [] : [`${run.argv.join(' ')}\n    ${l}\n    (${words})`];
        }),
      );
      expect(english).toEqual([]);
    }, 60_000);
  }

  it("in English, no line has Japanese in it but the user's own words", async () => {
    const runs = await runAll('en');
    const db = join(tmp.dir, 'en', 'demo-archive.db');
    const shown = (await cli(['show', ROOM, '--json', '--db', db])).json<{ messages: { sender: string | null; body: string }[] }>().messages;
    for (const m of shown) {
      if (m.sender !== null) userData.add(m.sender);
      for (const part of m.body.split('\n')) userData.add(part);
    }
    const words = [...userData].filter((w) => w !== '').sort((a, b) => b.length - a.length);
    // Quoted text is the user's or the source's own (a title in "…", a source's line in 「…」).
    const own = (line: string): string => words.reduce((l, w) => l.split(w).join(''), line.replace(/"[^"]*"|「[^」]*」/g, ''));
    const bad = runs.flatMap((run) =>
      lines(run)
        .filter((l) => JAPANESE.test(own(l)))
        .map((l) => `${run.argv.join(' ')}\n    ${l}`),
    );
    expect(bad).toEqual([]);
  }, 60_000);

  it('takes a line of only hashes, paths, times and numbers as needing no language, and nothing more', () => {
    expect(languageFree('  sha256 0123abcd0123abcd  #12')).toBe(false);
    expect(languageFree('  0123abcd0123abcd…  /tmp/a/b.pdf  2024-03-05 20:00 JST  #12')).toBe(true);
    expect(languageFree('$ chatproof verify-report /tmp/x.pdf')).toBe(true);
    expect(languageFree('Imported 3 messages')).toBe(false);
    expect(languageFree('✓ ok')).toBe(false);
  });

  it('finds an English sentence inside a Japanese line, and passes over quotes, paths, options and codes', () => {
    expect(englishRun('検出：crowdworks（5 messages: a name line above each time line）')).toBe('a name line above each time line');
    expect(englishRun('「Hello my friend」を含む /tmp/a b/c.txt --format chatwork-json input.tried 0123abcdef')).toBeNull();
    expect(englishRun('形式 line, chatwork-json, crowdworks, lancers を試しました')).toBeNull();
    expect(englishRun('記録しました（O=chatproof tests, CN=chatproof test TSA、2026-12-08）')).toBeNull();
  });
});
