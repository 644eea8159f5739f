/**
 * Per size: the machine's limits on an export (sha256sum, hash+insert), then `import` of it into a
 * new archive and `verify` of that archive. Also a Chatwork message list per size (≤ 200k: a
 * bigger list is not a thing the API hands out).
 */
import { countLabel } from './args.js';
import { addRow, chatworkList, dbPath, freshDb, lineExport, medianNote, repeatsFor, type Bench } from './context.js';
import { benchScript, medianRun, runCli, runCommand, runNode } from './measure.js';
import type { Row } from './results.js';

interface ImportJson {
  readonly capture: { readonly messages: number; readonly room: { readonly id: string } };
  readonly changes: Record<string, number>;
}

interface VerifyJson {
  readonly ok: boolean;
  readonly messages: number;
  readonly captures: number;
}

interface LimitJson {
  readonly messages: number;
}

export async function limitsFor(b: Bench, size: number): Promise<void> {
  const label = countLabel(size);
  const exp = lineExport(b, size);
  b.log(`limits ${label}: sha256sum, hash+insert`);
  const sum = await runCommand('sha256sum', [exp.path]);
  if (sum.code !== 0) throw new Error(`sha256sum failed: ${sum.stderr}`);
  addRow(b, {
    id: `limit.sha256sum.${label}`,
    what: 'sha256sum',
    size: label,
    messages: null,
    seconds: sum.wallMs / 1000,
    cpu: null,
    bytes: exp.bytes,
    peakRss: null,
    vs: null,
    note: 'coreutils, same bytes',
  });
  const times = repeatsFor(b, size);
  const hi = await medianRun(times, () => runNode(b.method, benchScript('limits/hash-insert.js'), [exp.path, freshDb(b, `limit-${label}`)]));
  if (hi.code !== 0) throw new Error(`hash-insert limit failed: ${hi.stderr}`);
  const out = JSON.parse(hi.stdout) as LimitJson;
  if (Math.abs(out.messages - exp.messages) > exp.messages * 0.001)
    b.log(`  note: the limit script counted ${out.messages} messages, the generator wrote ${exp.messages}`);
  addRow(b, {
    id: `limit.hash-insert.${label}`,
    what: 'hash+insert limit',
    size: label,
    messages: out.messages,
    seconds: hi.wallMs / 1000,
    cpu: hi.cpuSeconds,
    bytes: exp.bytes,
    peakRss: hi.maxRss,
    vs: `limit.sha256sum.${label}`,
    note: medianNote('split lines, SHA-256, one transaction', times),
  });
}

export interface Imported {
  readonly db: string;
  readonly roomId: string;
  readonly messages: number;
}

/** `import` of the export into a new archive, then `verify` of it. */
export async function importAndVerify(b: Bench, size: number): Promise<Imported> {
  const label = countLabel(size);
  const exp = lineExport(b, size);
  const times = repeatsFor(b, size);
  b.log(`import ${label}${times > 1 ? ` (${times} times, each into a new archive)` : ''}`);
  const imp = await medianRun(times, () => runCli(b.method, ['import', exp.path, '--db', freshDb(b, `line-${label}`), '--json']));
  // The last run's archive, which the verify and history rows go on with.
  const db = dbPath(b, `line-${label}`);
  const json = JSON.parse(imp.stdout) as ImportJson;
  if (json.capture.messages !== exp.messages) b.log(`  note: import read ${json.capture.messages} messages, the generator wrote ${exp.messages}`);
  addRow(b, {
    id: `import.line.${label}`,
    what: 'import LINE',
    size: label,
    messages: json.capture.messages,
    seconds: imp.wallMs / 1000,
    cpu: imp.cpuSeconds,
    bytes: exp.bytes,
    peakRss: imp.maxRss,
    vs: `limit.hash-insert.${label}`,
    note: medianNote('new archive', times),
  });
  await verifyRow(b, db, `verify.line.${label}`, label, `limit.hash-insert.${label}`, 'new archive', times);
  return { db, roomId: json.capture.room.id, messages: json.capture.messages };
}

/** `verify` of `db`, `times` times (it writes nothing, so every run checks the same archive). */
export async function verifyRow(b: Bench, db: string, id: string, size: string, vs: string | null, note: string, times: number): Promise<Row> {
  b.log(`verify ${size} (${note})`);
  const v = await medianRun(times, () => runCli(b.method, ['verify', '--db', db, '--json']));
  const json = JSON.parse(v.stdout) as VerifyJson;
  if (!json.ok) throw new Error(`verify found problems in ${db}`);
  return addRow(b, {
    id,
    what: 'verify',
    size,
    messages: json.messages,
    seconds: v.wallMs / 1000,
    cpu: v.cpuSeconds,
    bytes: null,
    peakRss: v.maxRss,
    vs,
    note: medianNote(`${note}: ${json.captures} capture(s)`, times),
  });
}

export async function importChatwork(b: Bench, size: number): Promise<void> {
  const label = countLabel(size);
  const list = chatworkList(b, size);
  const db = freshDb(b, `chatwork-${label}`);
  b.log(`import chatwork ${label}`);
  const imp = await runCli(b.method, ['import', list.path, '--db', db, '--json', '--room', 'サイト制作（Chatwork）']);
  const json = JSON.parse(imp.stdout) as ImportJson;
  addRow(b, {
    id: `import.chatwork.${label}`,
    what: 'import Chatwork',
    size: label,
    messages: json.capture.messages,
    seconds: imp.wallMs / 1000,
    cpu: imp.cpuSeconds,
    bytes: list.bytes,
    peakRss: imp.maxRss,
    vs: `limit.hash-insert.${label}`,
    note: "API JSON list; limit is LINE's at the same count",
  });
}
