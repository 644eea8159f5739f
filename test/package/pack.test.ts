/**
 * The package as a user gets it: `npm pack`, installed into an empty prefix with `npm i -g`, run
 * from another folder. The registry is reached for the dependencies, as on a user's machine.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../reliability/support/cli-process.js';

const work = mkdtempSync(join(tmpdir(), 'chatproof-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The installed bin's `#!/usr/bin/env node` must find the Node running the tests, not the system's.
const env = { ...process.env, PATH: dirname(process.execPath) + delimiter + (process.env['PATH'] ?? '') };

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

interface Packed {
  readonly filename: string;
  readonly size: number;
  readonly entryCount: number;
  readonly files: readonly { readonly path: string }[];
}

describe('npm pack', () => {
  it('installs into an empty prefix and runs demo and verify-report from another folder', () => {
    // dist/ is already built (global setup); packing without the prepack build keeps the dist/
    // other test files are running from in place.
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
    expect(pack.status, pack.stderr).toBe(0);
    const packed = (JSON.parse(pack.stdout) as Packed[])[0]!;
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'bin/chatproof.js',
        'dist/cli/main.js',
        'dist/cli/preflight.js',
        'dist/cli/static/app.js',
        'dist/cli/static/style.css',
        'dist/cli/capture-worker.js',
        'dist/cli/merkle-worker.js',
        'dist/cli/verify-state-worker.js',
        'dist/cli/static/app.js',
        'migrations/meta/_journal.json',
        'samples/capture-1.txt',
        'samples/capture-2.txt',
        'README.md',
        'package.json',
        'docs/json.md',
        'docs/schema/error.schema.json',
      ]),
    );
    const shipped = (p: string): boolean =>
      /^(test|src|exporters|bench-out|coverage)\//.test(p) || /\.ts$|\.db$|\.pdf$|fixtures/.test(p) || p === 'bin/bundle.js';
    expect(paths.filter(shipped)).toEqual([]);

    const prefix = join(work, 'prefix');
    const install = run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', join(work, packed.filename)], work);
    expect(install.status, install.stderr).toBe(0);

    const elsewhere = join(work, 'elsewhere');
    mkdirSync(elsewhere);
    const bin = join(prefix, 'bin', 'chatproof');
    const demoDir = join(work, 'demo');
    const demo = run(bin, ['demo', '--keep', demoDir], elsewhere);
    expect(demo.status, demo.stderr).toBe(0);

    const check = run(bin, ['verify-report', join(demoDir, 'demo-report.pdf'), '--json'], elsewhere);
    expect(check.status, check.stderr).toBe(0);
    const doc = JSON.parse(check.stdout) as { ok: boolean; checks: { ok: boolean }[] };
    expect(doc.ok).toBe(true);
    expect(doc.checks.length).toBeGreaterThan(5);
  }, 300_000);
});
