/**
 * Peak RSS without GNU time: runs a Node script in this process and, on exit, writes
 * `process.resourceUsage()`'s CPU times and maxRSS in GNU time's words, so measure.ts reads both the same way.
 * Usage: node rss-wrapper.js STATS_FILE SCRIPT ARGS…
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [statsFile, script, ...args] = process.argv.slice(2);
if (statsFile === undefined || script === undefined) throw new Error('usage: rss-wrapper.js STATS_FILE SCRIPT ARGS…');
// The script reads its own arguments from process.argv as if it had been started directly.
process.argv = [process.argv[0]!, resolve(script), ...args];
process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(
    statsFile,
    `\tUser time (seconds): ${u.userCPUTime / 1e6}\n\tSystem time (seconds): ${u.systemCPUTime / 1e6}\n\tMaximum resident set size (kbytes): ${u.maxRSS}\n`,
  );
});
await import(pathToFileURL(resolve(script)).href);
