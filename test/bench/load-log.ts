/**
 * `node --import load-log.js bin/chatproof.js --help`: records what the start-up loads: ESM
 * imports through load-hooks.ts, CommonJS modules from the require cache at exit (CJS packages
 * such as cli-progress load through `require`, which the ESM hooks do not see in Node 20).
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const logFile = process.env['CHATPROOF_BENCH_LOAD_LOG'];
if (logFile === undefined) throw new Error('CHATPROOF_BENCH_LOAD_LOG is not set');
register('./load-hooks.js', import.meta.url, { data: { logFile } });
process.on('exit', () => {
  appendFileSync(logFile, Object.keys(createRequire(import.meta.url).cache).join('\n') + '\n');
});
