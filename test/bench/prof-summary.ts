/**
 * Summarises a `node --cpu-prof` profile without a browser: self time by function and by file
 * (ours by path, dependencies by package), and the inclusive time of functions named on the
 * command line. How the hot paths in docs/performance.md were found.
 * Usage: node prof-summary.js FILE.cpuprofile [--top 25] [--incl fnName,fnName]
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, ...rest] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: prof-summary.js FILE.cpuprofile [--top N] [--incl a,b]');
const top = Number(rest[rest.indexOf('--top') + 1] ?? 25) || 25;
const incl = rest.includes('--incl') ? (rest[rest.indexOf('--incl') + 1] ?? '').split(',') : [];

const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfMs = new Map<number, number>();
p.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
const total = (p.endTime - p.startTime) / 1000;

function where(f: CallFrame): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f.url);
  if (pkg) return pkg[1]!;
  const ours = /\/dist\/(.+)$/.exec(f.url);
  if (ours) return ours[1]!;
  return f.url === '' ? '(native)' : f.url.replace(/^node:/, 'node:');
}

const fnSelf = new Map<string, number>();
const fileSelf = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const f = byId.get(id)!.callFrame;
  const name = `${f.functionName || '(anonymous)'}  ${where(f)}:${f.lineNumber + 1}`;
  fnSelf.set(name, (fnSelf.get(name) ?? 0) + ms);
  fileSelf.set(where(f), (fileSelf.get(where(f)) ?? 0) + ms);
}

const show = (title: string, m: Map<string, number>): void => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    process.stdout.write(`${v.toFixed(0).padStart(7)} ms ${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}\n`);
};
process.stdout.write(`profile ${total.toFixed(0)} ms\n`);
show('self time by function', fnSelf);
show('self time by file / package', fileSelf);

// Inclusive time: a sample counts for a function if it appears anywhere on the sample's stack (once).
for (const name of incl.filter((s) => s !== '')) {
  let ms = 0;
  p.samples.forEach((id, i) => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      if (byId.get(cur)!.callFrame.functionName === name) {
        ms += (p.timeDeltas[i] ?? 0) / 1000;
        break;
      }
    }
  });
  process.stdout.write(`inclusive ${name}: ${ms.toFixed(0)} ms (${((ms / total) * 100).toFixed(1)} %)\n`);
}
