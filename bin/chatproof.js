#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // Everything a command does is awaited by now, its archive closed. What the event loop would
  // still wait for is V8 finishing a garbage collection it began meanwhile: ~8 ms after an import
  // (issue 8). Exit now, unless output is still on its way (a pipe on macOS is written async).
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
});
