/**
 * `npm run soak [-- --kills N --seed S]`: at least N (default 1,000) random SIGKILLs spread over
 * import, attach, sync, report and backup, with the archive verified after each (soak.ts). Prints
 * the counts as JSON for docs/reliability.md; exit 1 if anything was lost, half-written or an
 * internal error. Not part of CI, which runs a slice (test/reliability/soak-slice.test.ts).
 */
import { parseArgs } from 'node:util';
import { soak } from './soak.js';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '1000' }, seed: { type: 'string', default: '22' } } });
const started = Date.now();
const counts = await soak({
  kills: Number(values.kills),
  seed: Number(values.seed),
  progress: (c) => console.error(`soak: ${c.runs} runs, ${c.kills} kills (${Math.round((Date.now() - started) / 1000)} s)`),
});
console.log(JSON.stringify({ seed: Number(values.seed), seconds: Math.round((Date.now() - started) / 1000), ...counts }, null, 2));
const bad = counts.capturesLostOrHalfWritten + counts.archiveVerifyFailures + counts.badOutputs + counts.internalErrors + counts.failedExits;
process.exitCode = bad === 0 ? 0 : 1;
