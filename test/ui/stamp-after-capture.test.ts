import { Ajv2020 } from 'ajv/dist/2020.js';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsPath, writeSettings } from '../../src/app/settings.js';
import { FolderWatcher, watchEventText, type WatchEvent } from '../../src/app/watch-folder.js';
import { Workspace } from '../../src/app/workspace.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { closedPortUrl, opensslMissing, startTestTsa, type TestTsa } from '../support/tsa.js';
import { startTestUi } from '../support/ui.js';
import { watchUntil } from '../support/watch.js';

/**
 * issue 20, Deliver 4: once a TSA is set for the archive, stamping after each capture is the
 * default for `chatproof watch` and the web app's import too, through the same app/ code as
 * `import --stamp`; a TSA out of reach leaves the capture stored and queued. A real `openssl ts`
 * TSA on 127.0.0.1, and a closed port for "offline".
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SCENARIO = join(ROOT, 'test', 'fixtures', 'scenarios', 'line-unsend-and-delete');
const SCHEMAS = join(ROOT, 'docs', 'schema');
const ajv = new Ajv2020({ allErrors: true, strict: true });
for (const f of readdirSync(SCHEMAS)) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, f), 'utf8')) as object);

interface Stamp {
  status: 'stamped' | 'queued';
  entry: { seq: number } | null;
  captures: number;
}

describe.skipIf(opensslMissing !== null)('stamping after each capture in the watch and the web app', () => {
  let tsa: TestTsa;
  beforeAll(async () => {
    tsa = await startTestTsa();
  });
  afterAll(async () => {
    await tsa?.close();
  });

  /** The captures `verify` names as not yet stamped. */
  const waiting = async (db: string): Promise<number> =>
    (await cli(['verify', '--json', '--db', db])).json<{ window: { notYetStamped: unknown[] } }>().window.notYetStamped.length;

  it('chatproof watch: stamped after a capture; a TSA out of reach queues it; the next capture that reaches one stamps both', async () => {
    const t = tempArchive();
    try {
      const settings = settingsPath(t.db, t.dir);
      /** One export dropped into a fresh watched folder, with the TSA set to `url`: the one JSON line. */
      const drop = async (n: 1 | 2, url: string, run: string): Promise<Record<string, unknown>> => {
        writeSettings(settings, { tsa: url, tsaCert: tsa.caCertPath });
        const dir = join(t.dir, run);
        mkdirSync(dir);
        const { code, events } = await watchUntil(dir, t.db, 1, (folder) => copyFileSync(join(SCENARIO, `capture-${n}.txt`), join(folder, 'export.txt')));
        expect(code).toBe(0);
        const validate = ajv.getSchema('watch.schema.json')!;
        for (const e of events) expect(validate(e) ? [] : validate.errors).toEqual([]);
        return events[0]!;
      };

      const first = await drop(1, tsa.url, 'a');
      expect(first).toMatchObject({ type: 'imported', stamp: { status: 'stamped', captures: 1 } });
      expect(await waiting(t.db)).toBe(0);

      const offline = await drop(2, await closedPortUrl(), 'b');
      expect(offline).toMatchObject({ type: 'imported', stamp: { status: 'queued', entry: null, captures: 1 } });
      expect(await waiting(t.db)).toBe(1);

      // The first export again, under another name: the same bytes are skipped, nothing is asked of the TSA.
      const again = await drop(1, tsa.url, 'c');
      expect(again).toMatchObject({ type: 'skipped' });
      expect(await waiting(t.db)).toBe(1);

      // A new capture that reaches the TSA: one token over the head covers it and the one waiting.
      writeSettings(settings, { tsa: tsa.url, tsaCert: tsa.caCertPath });
      const pasted = await cli(['import', '-', '--room', '佐藤花子', '--db', t.db, '--json', '--format', 'line'], {
        stdin: readFileSync(join(SCENARIO, 'capture-2.txt'), 'utf8').replace('4点納品しました', '5点納品しました'),
      });
      expect(pasted.code, pasted.stderr).toBe(0);
      expect(pasted.json<{ stamp: Stamp }>().stamp).toMatchObject({ status: 'stamped', captures: 2 });
      expect(await waiting(t.db)).toBe(0);
    } finally {
      t.cleanup();
    }
  }, 60_000);

  it('the watcher says in its log line what became of the stamp (here: queued, in Japanese)', async () => {
    const t = tempArchive();
    const workspace = new Workspace(t.db, 'Asia/Tokyo');
    const settingsFile = settingsPath(t.db, t.dir);
    writeSettings(settingsFile, { tsa: await closedPortUrl() });
    const folder = join(t.dir, 'inbox');
    mkdirSync(folder);
    let seen: (e: WatchEvent) => void = () => undefined;
    const event = new Promise<WatchEvent>((resolve) => (seen = resolve));
    const watcher = new FolderWatcher(workspace, { lang: 'ja', settleMs: 100, settingsFile, onEvent: (e) => seen(e) });
    try {
      await watcher.start([folder]);
      copyFileSync(join(SCENARIO, 'capture-1.txt'), join(folder, 'export.txt'));
      const e = await event;
      expect(e.type === 'imported' ? e.stamp?.kind : e.type).toBe('queued');
      expect(watchEventText('ja', e)).toMatch(
        /^export\.txt: 6 件を「佐藤花子」に取り込みました — まだタイムスタンプはありません: 時刻認証局に届きませんでした（.+）。取り込みは保存済みです。/,
      );
    } finally {
      await watcher.stop();
      workspace.close();
      t.cleanup();
    }
  }, 60_000);

  it('the web app: storing an import stamps it with the TSA set for the archive, or says it waits', async () => {
    const t = await startTestUi({ lang: 'en' });
    try {
      const store = async (n: 1 | 2): Promise<string> => {
        const preview = await t.post(`/import/preview?name=export-${n}.txt`, readFileSync(join(SCENARIO, `capture-${n}.txt`)));
        const id = /name="id" value="([^"]+)"/.exec(preview.text)?.[1] ?? '';
        const stored = await t.post('/import/confirm', JSON.stringify({ id }), 'application/json');
        expect(stored.status).toBe(200);
        return stored.text;
      };
      writeSettings(t.settingsFile, { tsa: await closedPortUrl(), tsaCert: tsa.caCertPath });
      const offline = await store(1);
      expect(offline).toContain('data-stamp="queued"');
      expect(offline).toMatch(/Not timestamped yet: the TSA could not be reached \(.+\)\. The capture is stored; the capture waiting will be stamped/);
      expect(await waiting(t.db)).toBe(1);

      writeSettings(t.settingsFile, { tsa: tsa.url, tsaCert: tsa.caCertPath });
      const online = await store(2);
      expect(online).toContain('data-stamp="stamped"');
      expect(online).toMatch(
        /Timestamped by .*chatproof test TSA.* at \d{4}-\d{2}-\d{2}T[\d:.]+Z \(log entry #\d+, covering the 2 captures that were waiting\)\./,
      );
      expect(await waiting(t.db)).toBe(0);
    } finally {
      await t.close();
    }
  }, 60_000);
});
