#!/usr/bin/env node
// The CLI as `bin/chatproof.js` runs it: src/ bundled by esbuild into dist/cli/, run after tsc
// (`npm run build`). Loading ~150 small modules one by one was ~25 ms of every command's
// start-up, most of a 20k-message import's distance to its target (docs/performance.md).
// Every lazily imported module (the parsers, pdfkit, the diff…) stays a chunk of its own, loaded
// when it is used, so `--help` still loads none of them; packages stay in node_modules. The worker
// threads' scripts are entry points beside the chunks, where src/threads.ts looks for them.
import { cpSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outdir = join(root, 'dist', 'cli');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'src/cli/main.ts',
    'capture-worker': 'src/store/capture-worker.ts',
    'merkle-worker': 'src/store/merkle-worker.ts',
    'reparse-worker': 'src/app/reparse-worker.ts',
    'verify-state-worker': 'src/store/verify-state-worker.ts',
    'list-trees-worker': 'src/store/list-trees-worker.ts',
    'state-rebuild-worker': 'src/store/state-rebuild-worker.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
// The Node version check runs before anything else is loaded, on whatever Node the user has: built
// alone (no shared chunks) for a target old enough that the Node it refuses can parse it.
await build({
  absWorkingDir: root,
  entryPoints: { preflight: 'src/cli/preflight.ts' },
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node14',
  logLevel: 'warning',
});
// The web app's page assets (chatproof ui), served from beside the bundle: the package ships
// dist/cli/ and not src/.
cpSync(join(root, 'src', 'ui', 'static'), join(outdir, 'static'), { recursive: true });
