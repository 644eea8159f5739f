/**
 * An old Node.js or a native module that does not load is the installation's trouble: exit 4, a
 * message in the user's language with the command that fixes it, never "internal error" or a stack.
 */
import { spawnSync } from 'node:child_process';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeRefusal } from '../../src/cli/preflight.js';
import { BIN, ROOT } from '../reliability/support/cli-process.js';
import { tempArchive } from '../support/temp.js';

const SAMPLE = join(ROOT, 'samples', 'capture-1.txt');
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const STACK = /^\s+at /m;

/** A Node.js on this machine older than 22 (the system Node here is 20), or undefined. */
function oldNode(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter).concat(['/usr/bin', '/usr/local/bin'])) {
    const node = join(dir, 'node');
    if (!existsSync(node)) continue;
    const v = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (Number(/^v(\d+)/.exec(v)?.[1] ?? 99) < 22) return node;
  }
  return undefined;
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function archive(): { dir: string; db: string } {
  const t = tempArchive();
  cleanups.push(t.cleanup);
  return t;
}

describe('Node.js version check', () => {
  it('refuses every major below 22 and lets 22 and later through', () => {
    for (const v of ['8.17.0', '18.20.4', '20.20.2', '21.7.3']) expect(nodeRefusal(v, [], {}, 'linux'), v).toBeDefined();
    for (const v of ['22.0.0', '22.23.3', '24.21.0', '30.1.0']) expect(nodeRefusal(v, [], {}, 'linux'), v).toBeUndefined();
  });

  it('speaks the language --lang or the locale names, and names the command for the system', () => {
    expect(nodeRefusal('20.1.0', [], { LANG: 'ja_JP.UTF-8' }, 'linux')?.lang).toBe('ja');
    expect(nodeRefusal('20.1.0', ['--lang', 'en'], { LANG: 'ja_JP.UTF-8' }, 'linux')?.lang).toBe('en');
    expect(nodeRefusal('20.1.0', ['rooms', '--lang=ja'], {}, 'linux')?.lang).toBe('ja');
    expect(nodeRefusal('20.1.0', [], {}, 'win32')?.hint).toContain('winget install OpenJS.NodeJS.LTS');
    expect(nodeRefusal('20.1.0', [], { NVM_DIR: '/home/u/.nvm' }, 'darwin')?.hint).toContain('nvm install --lts');
  });

  const node = oldNode();
  it.skipIf(node === undefined)(
    '(skipped without a Node.js < 22 on PATH, /usr/bin or /usr/local/bin) an old Node.js running the bin gets a refusal in Japanese, exit 4, and nothing written',
    () => {
      const { db } = archive();
      const r = spawnSync(node!, [BIN, 'import', SAMPLE, '--db', db], { encoding: 'utf8', env: { ...process.env, LANG: 'ja_JP.UTF-8', CHATPROOF_LANG: '' } });
      expect(r.status).toBe(4);
      expect(r.stderr).toMatch(JAPANESE);
      expect(r.stderr).toContain('Node.js 22');
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stderr).not.toMatch(/internal|内部エラー/);
      expect(existsSync(db)).toBe(false);

      const json = spawnSync(node!, [BIN, 'rooms', '--db', db, '--json', '--lang', 'en'], { encoding: 'utf8' });
      expect(json.status).toBe(4);
      const doc: unknown = JSON.parse(json.stdout);
      expect(doc).toMatchObject({ version: 1, error: { code: 'environment.node-unsupported', exitCode: 4 } });
      const schemas = join(ROOT, 'docs', 'schema');
      const ajv = new Ajv2020({ strict: true });
      for (const f of ['common.schema.json', 'error.schema.json']) ajv.addSchema(JSON.parse(readFileSync(join(schemas, f), 'utf8')) as object);
      const validate = ajv.getSchema('error.schema.json')!;
      expect(validate(doc) ? [] : validate.errors).toEqual([]);
    },
  );
});

describe('a native module that does not load', () => {
  it('is exit 4 with the reinstall command, not an internal error', () => {
    const { dir, db } = archive();
    const notABinary = join(dir, 'not-a-binary.node');
    writeFileSync(notABinary, 'this is not a shared library\n');
    const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test', 'support', 'broken-native.js'), BIN, 'import', SAMPLE, '--db', db], {
      encoding: 'utf8',
      env: { ...process.env, BROKEN_NATIVE_FILE: notABinary, LANG: 'ja_JP.UTF-8', CHATPROOF_LANG: '' },
    });
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toContain('better-sqlite3');
    expect(r.stderr).toContain('読み込めませんでした');
    expect(r.stderr).toContain('npm ci');
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toMatch(/internal error|内部エラー/);
    expect(existsSync(db)).toBe(false);
  });
});
