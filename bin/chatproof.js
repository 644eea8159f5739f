#!/usr/bin/env node
// The Node.js version is checked before the CLI is loaded: dist/cli/preflight.js is built for old
// Node versions and imports nothing else, so an old Node gets a refusal it can print instead of a
// crash inside a module it cannot run (src/cli/preflight.ts).
const argv = process.argv.slice(2);

import('../dist/cli/preflight.js').then(
  ({ nodeRefusal, renderRefusal }) => {
    const refusal = nodeRefusal(process.versions.node, argv, process.env, process.platform);
    if (!refusal) return run();
    const out = renderRefusal(refusal, argv.includes('--json'));
    process.stdout.write(out.stdout);
    process.stderr.write(out.stderr);
    process.exitCode = 4;
  },
  (e) => {
    // Only a checkout can lack dist/: the package is built before it is packed (`prepack`).
    if (e && e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
    process.stderr.write(
      'chatproof: dist/ がありません。先に npm run build を実行してください。\n' + 'chatproof: dist/ is missing: run `npm run build` first.\n',
    );
    process.exitCode = 4;
  },
);

function run() {
  return import('../dist/cli/main.js')
    .then(({ main }) => main(argv))
    .then((code) => {
      process.exitCode = code;
      // Everything a command does is awaited by now, its archive closed. What the event loop would
      // still wait for is V8 finishing a garbage collection it began meanwhile: ~8 ms after an
      // import (docs/performance.md, fix 39). Exit now, unless output is still on its way (a pipe
      // on macOS is written async).
      if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
    });
}
