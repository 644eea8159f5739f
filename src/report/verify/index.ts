import { canonicalJson } from '../../core/canonical.js';
import { MANIFEST_NAME } from '../manifest.js';
import { captureFacts, checkFullCapture, checkProofs } from './captures.js';
import { checkLog, checkRoom } from './chain.js';
import { type Check, type Evidence, field } from './check.js';
import { checkAttachments, checkEmbedded } from './embedded.js';
import { readManifest } from './manifest-read.js';
import { checkPages, type Renderer } from './pages.js';
import { readEmbeddedFiles } from './read-pdf.js';
import { checkTimestamp, noTimestamp, type TrustOptions } from './timestamps.js';
import { checkMessages, checkSightings, checkStatuses } from './transcript.js';

export type { Check } from './check.js';
export type { TrustOptions } from './timestamps.js';
export type { Renderer } from './pages.js';

export interface ReportVerification {
  readonly ok: boolean;
  readonly checks: readonly Check[];
}

/**
 * `chatproof verify-report`: P7 without the archive. Every check runs and is reported (restic's
 * `check`: collect every problem, never stop at the first). Throws InputError only when the file
 * is not a chatproof report at all.
 */
export async function verifyReport(pdf: Uint8Array, where: string, trust: TrustOptions, renderer: Renderer): Promise<ReportVerification> {
  const files = await readEmbeddedFiles(pdf, where);
  const reading = readManifest(files, where);
  if (reading.manifest === null) {
    return { ok: false, checks: [{ name: 'manifest', ok: false, detail: `${MANIFEST_NAME} is damaged: ${reading.problems.slice(0, 6).join('; ')}` }] };
  }
  const manifest = reading.manifest;
  const ev: Evidence = { manifest, files, entries: new Map(manifest.log.entries.map((e) => [e.seq, e])) };
  const raw = Buffer.from(files.get(MANIFEST_NAME)!).toString('utf8');
  const checks: Check[] = [canonicalJson(JSON.parse(raw)) === raw
    ? { name: 'manifest', ok: true, detail: `${MANIFEST_NAME} is a ${manifest.mode} chatproof report manifest v1 in canonical JSON, made by ${manifest.generator} (rests on: RFC 8785)` }
    : { name: 'manifest', ok: false, detail: `${MANIFEST_NAME} is not in canonical JSON (RFC 8785): it was rewritten after the report was made` }];
  checks.push(...checkEmbedded(ev), checkLog(ev), checkRoom(ev));
  const roomTitle = field(ev.entries.get(manifest.room.entrySeq)?.payload, 'room', 'title');
  for (const c of manifest.captures) {
    const facts = captureFacts(ev.entries.get(c.entrySeq), c, manifest.room.id);
    if (typeof facts === 'string') checks.push({ name: `capture ${c.id}`, ok: false, detail: facts });
    else if (manifest.mode === 'full') checks.push(...checkFullCapture(ev, c, facts, typeof roomTitle === 'string' ? roomTitle : null));
    else checks.push(checkProofs(c, facts));
  }
  checks.push(checkMessages(ev), checkSightings(ev));
  if (manifest.mode === 'full') checks.push(checkStatuses(ev));
  if (manifest.timestamps.length === 0) checks.push(noTimestamp());
  for (const t of manifest.timestamps) checks.push(await checkTimestamp(ev, t, trust));
  checks.push(...checkAttachments(ev));
  checks.push(...await checkPages(pdf, ev, renderer));
  return { ok: checks.every((c) => c.ok), checks };
}
