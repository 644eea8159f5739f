import { Ajv2020 } from 'ajv/dist/2020.js';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeChatwork } from '../support/chatwork-server.js';
import { cli, tempArchive, type CliResult } from '../support/cli.js';
import { closedPortUrl, opensslMissing, startTestTsa, type TestTsa } from '../support/tsa.js';
import { ROOT } from '../reliability/support/cli-process.js';

/** issue 20: stamping after each capture, and the queue of captures a TSA out of reach leaves behind. */

const SAMPLES = join(ROOT, 'samples');
const SCHEMAS = join(ROOT, 'docs', 'schema');
const ajv = new Ajv2020({ allErrors: true, strict: true });
for (const f of readdirSync(SCHEMAS)) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, f), 'utf8')) as object);

function conforms(schema: string, r: CliResult): Record<string, unknown> {
  expect(r.code, r.stderr).toBe(0);
  const doc = r.json();
  const validate = ajv.getSchema(`${schema}.schema.json`)!;
  expect(validate(doc) ? [] : validate.errors).toEqual([]);
  return doc;
}

interface Stamp {
  status: string;
  entry: { seq: number } | null;
  captures: number;
}
interface ImportDoc {
  capture: { entry: { seq: number } };
  stamp?: Stamp;
}
interface VerifyDoc {
  ok: boolean;
  window: { notYetStamped: { seq: number }[] };
}

const tmp = tempArchive();
let tsa: TestTsa | undefined;
beforeAll(async () => {
  if (!opensslMissing) tsa = await startTestTsa();
});
afterAll(async () => {
  await tsa?.close();
  tmp.cleanup();
});

const run = (argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> => cli([...argv, '--db', tmp.db], { env });
const importJson = async (file: string, ...flags: string[]): Promise<ImportDoc> =>
  conforms('import', await run(['import', join(SAMPLES, file), '--json', ...flags])) as unknown as ImportDoc;
const waiting = async (): Promise<number[]> =>
  (conforms('verify', await run(['verify', '--json'])) as unknown as VerifyDoc).window.notYetStamped.map((w) => w.seq);

describe.skipIf(opensslMissing !== null)('stamp after each capture', () => {
  it('a set TSA stamps every import; one out of reach queues the capture until the next import reaches it', async () => {
    expect((await run(['config', 'set', 'tsa', tsa!.url])).code).toBe(0);
    const set = conforms('config', await run(['config', 'set', 'tsa-cert', tsa!.caCertPath, '--json']));
    expect(set).toMatchObject({ tsa: tsa!.url, tsaCert: tsa!.caCertPath });

    const first = await importJson('capture-1.txt');
    expect(first.stamp?.status).toBe('stamped');
    expect(first.stamp?.entry?.seq).toBe(first.capture.entry.seq + 1);
    expect(await waiting()).toEqual([]);

    // Offline: the capture is kept (exit 0), the user is told, and verify names it.
    const down = await run(['import', join(SAMPLES, 'capture-2.txt'), '--tsa', await closedPortUrl()], { LANG: 'ja_JP.UTF-8' });
    expect(down.code, down.stderr).toBe(0);
    expect(down.stderr).toContain('まだタイムスタンプはありません');
    const queuedSeq = (await waiting())[0]!;
    expect(await waiting()).toEqual([queuedSeq]);
    const verify = await run(['verify']);
    expect(verify.stdout).toContain(`not yet stamped: capture entry #${queuedSeq} ("佐藤花子"`);

    // A restart changes nothing: the queue is read from the log. The next import that reaches the TSA stamps both.
    const next = await importJson('capture-2.txt');
    expect(next.stamp).toMatchObject({ status: 'stamped', captures: 2 });
    expect(await waiting()).toEqual([]);
  });

  it('--no-stamp skips once; stamp then takes the set TSA and empties the queue', async () => {
    const skipped = await importJson('capture-1.txt', '--no-stamp');
    expect(skipped.stamp).toBeUndefined();
    expect(await waiting()).toEqual([skipped.capture.entry.seq]);
    const stamped = await run(['stamp']);
    expect(stamped.code, stamped.stderr).toBe(0);
    expect(await waiting()).toEqual([]);
  });

  it('a TSA answering garbage is queued too, never a lost capture', async () => {
    tsa!.behave('garbage');
    try {
      const r = await importJson('capture-2.txt');
      expect(r.stamp).toMatchObject({ status: 'queued', entry: null, captures: 1 });
      expect(await waiting()).toEqual([r.capture.entry.seq]);
    } finally {
      tsa!.behave('ok');
    }
  });
});

describe.skipIf(opensslMissing !== null)('sync --stamp', () => {
  const own = tempArchive();
  let chatwork: FakeChatwork;
  beforeAll(async () => {
    chatwork = await FakeChatwork.start();
    chatwork.addRoom('4711', '案件A');
    chatwork.post('4711', { accountId: 1, name: '鈴木', body: 'よろしくお願いします', sendTime: 1_709_600_000 });
  });
  afterAll(async () => {
    await chatwork.close();
    own.cleanup();
  });
  const sync = (...flags: string[]): Promise<CliResult> =>
    cli(['sync', 'chatwork', '--db', own.db, ...flags], { env: { CHATWORK_API_TOKEN: chatwork.token, CHATWORK_API_BASE: chatwork.baseUrl } });
  const pending = async (): Promise<number> => (JSON.parse((await cli(['verify', '--json', '--db', own.db])).stdout) as VerifyDoc).window.notYetStamped.length;
  const timestamps = async (): Promise<number> => (JSON.parse((await cli(['verify', '--json', '--db', own.db])).stdout) as { timestamps: number }).timestamps;

  it('an offline pass queues its capture; the next pass stamps it even with nothing new, and then asks nothing', async () => {
    const offline = await sync('--tsa', await closedPortUrl());
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stderr).toContain('not yet stamped');
    expect(await pending()).toBe(1);

    const trust = ['--tsa', tsa!.url, '--tsa-cert', tsa!.caCertPath];
    const online = await sync(...trust);
    expect(online.code, online.stderr).toBe(0);
    expect(await pending()).toBe(0);
    expect(await timestamps()).toBe(1);

    // Nothing new, nothing waiting: no token, so a `--every` loop does not stamp every few minutes for nothing.
    expect((await sync(...trust)).code).toBe(0);
    expect(await timestamps()).toBe(1);
  });
});

describe('config', () => {
  const own = tempArchive();
  afterAll(() => own.cleanup());
  const settings = join(own.dir, `${own.db.split('/').at(-1)!.replace(/\.db$/, '')}.config.json`);

  it('refuses a TSA it could not use, before writing anything', async () => {
    const r = await cli(['config', 'set', 'tsa', 'ftp://example.test/tsr', '--db', own.db]);
    expect(r.code).toBe(2);
    expect(existsSync(settings)).toBe(false);
  });

  it('a certificate set for one TSA goes when another is set, and the person is told; set before any TSA, it stays', async () => {
    const read = (): unknown => JSON.parse(readFileSync(settings, 'utf8'));
    writeFileSync(settings, JSON.stringify({ tsa: 'freetsa', tsaCert: '/certs/freetsa-ca.pem' }));
    const same = await cli(['config', 'set', 'tsa', 'freetsa', '--db', own.db]);
    expect(same.stderr).not.toContain('/certs/freetsa-ca.pem was set');
    expect(read()).toEqual({ tsa: 'freetsa', tsaCert: '/certs/freetsa-ca.pem' });
    const other = await cli(['config', 'set', 'tsa', 'digicert', '--db', own.db], { env: { LANG: 'en_US.UTF-8' } });
    expect(other.code).toBe(0);
    expect(other.stderr).toContain('The certificate /certs/freetsa-ca.pem was set for the previous timestamp authority (freetsa), so it is no longer used');
    expect(read()).toEqual({ tsa: 'digicert' });
    writeFileSync(settings, JSON.stringify({ tsaCert: '/certs/own-ca.pem' }));
    const first = await cli(['config', 'set', 'tsa', 'freetsa', '--db', own.db, '--json']);
    expect(first.json<{ tsaCert: string | null }>().tsaCert).toBe('/certs/own-ca.pem');
    rmSync(settings);
  });

  it('a damaged settings file is an environment error naming the file, not a silent default', async () => {
    writeFileSync(settings, '{ not json');
    const r = await cli(['import', join(SAMPLES, 'capture-1.txt'), '--db', own.db]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(settings);
  });
});
