/**
 * `--json` is a contract (docs/json.md): every command's document, and every error under --json,
 * is checked against its JSON Schema in docs/schema/. The schemas list every key, so a key added,
 * renamed or retyped without its documentation fails here.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Command } from 'commander';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram, runCli } from '../../src/cli/main.js';
import { FakeChatwork } from '../support/chatwork-server.js';
import { cli, tempArchive, type CliResult } from '../support/cli.js';
import { opensslMissing, startTestTsa, type TestTsa } from '../support/tsa.js';
import { watchUntil } from '../support/watch.js';
import { ROOT } from '../reliability/support/cli-process.js';

const SCHEMAS = join(ROOT, 'docs', 'schema');
const SAMPLES = join(ROOT, 'samples');
const ajv = new Ajv2020({ allErrors: true, strict: true });
for (const f of readdirSync(SCHEMAS)) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, f), 'utf8')) as object);

function conforms(schema: string, r: CliResult, exitCode = 0): Record<string, unknown> {
  expect(r.code, r.stderr).toBe(exitCode);
  const doc = r.json();
  const validate = ajv.getSchema(`${schema}.schema.json`)!;
  expect(validate, `docs/schema/${schema}.schema.json`).toBeDefined();
  expect(validate(doc) ? [] : validate.errors, JSON.stringify(doc).slice(0, 400)).toEqual([]);
  return doc;
}

const tmp = tempArchive();
const room = '佐藤花子';
const run = (argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> => cli([...argv, '--json', '--db', tmp.db], { env });
let tsa: TestTsa | undefined;
let chatwork: FakeChatwork;
beforeAll(async () => {
  if (!opensslMissing) tsa = await startTestTsa();
  chatwork = await FakeChatwork.start();
  chatwork.addRoom('4711', '案件A');
  chatwork.post('4711', { accountId: 1, name: '鈴木', body: 'よろしくお願いします', sendTime: 1_709_600_000 });
});
afterAll(async () => {
  await tsa?.close();
  await chatwork.close();
  tmp.cleanup();
});

describe('every command --json matches its schema', () => {
  // One archive through the commands in the order a user meets them; each test builds on the last.
  it('import, a new room and then a changed export', async () => {
    expect(conforms('import', await run(['import', join(SAMPLES, 'capture-1.txt')]))['version']).toBe(1);
    conforms('import', await run(['import', join(SAMPLES, 'capture-2.txt')]));
  });

  it('import with warnings', async () => {
    const input = join(ROOT, 'test', 'fixtures', 'line', 'date-line-unknown-form', 'input.txt');
    const r = await cli(['import', input, '--yes', '--json', '--db', join(tmp.dir, 'warned.db')]);
    const warnings = conforms('import', r)['warnings'] as { code?: string }[];
    expect(warnings.map((w) => w.code)).toContain('date-line-not-read');
  });

  it('reparse of a capture kept with import --raw', async () => {
    const db = join(tmp.dir, 'reparse.db');
    const kept = await cli(['import', join(SAMPLES, 'capture-1.txt'), '--raw', '--room', room, '--format', 'line', '--json', '--db', db]);
    const id = conforms('import', kept)['capture'] as { id: string };
    conforms('reparse', await cli(['reparse', id.id, '--json', '--db', db]));
    conforms('captures', await cli(['captures', room, '--json', '--db', db]));
  });

  it('rooms, captures, show (archive view and one capture), diff', async () => {
    conforms('rooms', await run(['rooms']));
    const captures = conforms('captures', await run(['captures', room]))['captures'] as { id: string }[];
    conforms('show', await run(['show', room]));
    conforms('show', await run(['show', room, '--capture', captures[0]!.id]));
    const diff = conforms('diff', await run(['diff', room]));
    expect((diff['changes'] as unknown[]).length).toBeGreaterThan(0);
  });

  it('note, attach, verify, backup', async () => {
    conforms('note', await run(['note', room, '2024-03-12 相手がトークルームを削除']));
    const file = join(tmp.dir, '納品物.txt');
    writeFileSync(file, 'バナー4点\n');
    conforms('attach', await run(['attach', room, file, '--kind', 'deliverable']));
    conforms('verify', await run(['verify']));
    conforms('backup', await run(['backup', join(tmp.dir, 'copy.db')]));
  });

  it.skipIf(opensslMissing !== null)('stamp, report with a timestamp, verify-report', async () => {
    const trust = ['--tsa', tsa!.url, '--tsa-cert', tsa!.caCertPath];
    conforms('stamp', await run(['stamp', ...trust]));
    const db = join(tmp.dir, 'reparse-stamped.db');
    const kept = await cli(['import', join(SAMPLES, 'capture-1.txt'), '--raw', '--room', room, '--format', 'line', '--json', '--db', db]);
    const id = (kept.json()['capture'] as { id: string }).id;
    const stamped = conforms('reparse', await cli(['reparse', id, ...trust, '--json', '--db', db]));
    expect(stamped['stamp']).toMatchObject({ status: 'stamped', captures: 2 });
    const pdf = join(tmp.dir, 'report.pdf');
    const report = conforms('report', await run(['report', room, '-o', pdf, ...trust]));
    expect(report['timestamp']).not.toBeNull();
    conforms('verify-report', await run(['verify-report', pdf, '--tsa-cert', tsa!.caCertPath]));
  });

  it('report without a timestamp', async () => {
    const report = conforms('report', await run(['report', room, '-o', join(tmp.dir, 'plain.pdf')]));
    expect(report['timestamp']).toBeNull();
  });

  it('sync chatwork', async () => {
    const doc = conforms('sync', await run(['sync', 'chatwork'], { CHATWORK_API_TOKEN: chatwork.token, CHATWORK_API_BASE: chatwork.baseUrl }));
    expect(doc['rooms']).toHaveLength(1);
  });

  it('sync stopped part-way: its own document says so, and no error document follows it', async () => {
    chatwork.addRoom('4712', '案件B');
    chatwork.post('4712', { accountId: 2, name: '田中', body: '見積もりです', sendTime: 1_709_600_100 });
    chatwork.fail(400, 5, /\/rooms\/4712\//);
    const doc = conforms('sync', await run(['sync', 'chatwork'], { CHATWORK_API_TOKEN: chatwork.token, CHATWORK_API_BASE: chatwork.baseUrl }), 6);
    expect(doc).toMatchObject({ incomplete: true, notSynced: ['4712'] });
  });

  it("demo: the steps' words on stderr, one document on stdout", async () => {
    const r = await cli(['demo', '--keep', join(tmp.dir, 'demo'), '--json']);
    expect(conforms('demo', r)['ok']).toBe(true);
    expect(r.stderr).toContain('verify-report');
  });

  it('ui prints its address as a document', async () => {
    const stopped = new AbortController();
    stopped.abort();
    conforms('ui', await cli(['ui', '--no-open', '--json', '--db', tmp.db], { signal: stopped.signal }));
  });

  it('watch: one document per line and file', async () => {
    // Three files, three lines: imported, skipped (the same bytes again), waiting (a paste that names no room).
    const { code, events } = await watchUntil(tmp.dir, join(tmp.dir, 'watched.db'), 3, (folder) => {
      copyFileSync(join(SAMPLES, 'capture-1.txt'), join(folder, 'export.txt'));
      setTimeout(() => copyFileSync(join(SAMPLES, 'capture-1.txt'), join(folder, 'export (1).txt')), 600);
      setTimeout(() => writeFileSync(join(folder, 'copied.txt'), '山田太郎\n2024/03/04 10:00\nよろしくお願いします\n'), 1200);
    });
    expect(code).toBe(0);
    const validate = ajv.getSchema('watch.schema.json')!;
    for (const e of events) expect(validate(e) ? [] : validate.errors, JSON.stringify(e)).toEqual([]);
    expect(events.map((e) => e['type']).sort()).toEqual(['imported', 'skipped', 'waiting']);
  });

  it('every command has a schema (a new command documents its --json)', () => {
    const program: Command = buildProgram({
      io: { stdout: { write: () => true }, stderr: { write: () => true }, stdin: process.stdin, env: {}, cwd: ROOT, signal: new AbortController().signal },
      code: 0,
      lang: 'en',
      run: runCli,
    });
    const names = program.commands.map((c) => c.name()).filter((n) => n !== 'help');
    const documented = new Set(readdirSync(SCHEMAS).map((f) => f.replace('.schema.json', '')));
    // sync's one subcommand (chatwork) prints sync's document.
    expect(names.filter((n) => !documented.has(n))).toEqual([]);
  });
});

describe('under --json an error is a document too, with the same exit code', () => {
  it.each([
    ['an unknown room (usage)', ['show', 'どこにもない部屋'], 2, 'usage'],
    ['a missing file (input)', ['import', join(tmp.dir, 'ない.txt')], 3, 'input'],
    ['an unknown option (commander)', ['rooms', '--no-such-option'], 2, 'usage'],
  ])('%s', async (_what, argv, exitCode, kind) => {
    const r = await run(argv);
    const doc = conforms('error', r, exitCode);
    expect(doc['error']).toMatchObject({ kind, exitCode });
    expect(r.stderr).toContain('chatproof:');
  });

  it('an archive that cannot be opened (archive)', async () => {
    const r = await cli(['verify', '--json', '--db', join(tmp.dir, 'missing', 'nowhere.db')]);
    expect(conforms('error', r, 4)['error']).toMatchObject({ kind: 'archive', exitCode: 4 });
  });

  it("in the user's language, with the error's stable code", async () => {
    const r = await cli(['import', '-', '--room', room, '--json', '--db', tmp.db], { stdin: '', env: { LANG: 'ja_JP.UTF-8' } });
    const doc = conforms('error', r, 3) as { error: { message: string; hint: string; code: string } };
    expect(doc.error.code).toBe('input.empty');
    expect(doc.error.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(doc.error.hint).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});
