import { canonicalJson } from '../../core/canonical.js';
import { MANIFEST_NAME } from '../manifest.js';
import { captureFacts, checkFullCapture, checkProofs } from './captures.js';
import { checkLog, checkRoom } from './chain.js';
import { msg, Phrase } from '../../i18n/message.js';
import { check, finding, listed, type Check, type Evidence, field } from './check.js';
import { checkDocTimestamp, stampingOf } from './doc-timestamp.js';
import { checkAttachments, checkEmbedded } from './embedded.js';
import { readManifest } from './manifest-read.js';
import { checkPages, type PageComparison, type Renderer } from './pages.js';
import { readEmbeddedFiles } from './read-pdf.js';
import { checkSaveTimeOf } from './saved-at.js';
import { checkTimestamp, noTimestamp, type TrustOptions } from './timestamps.js';
import { checkMessages, checkSightings, checkStatuses } from './transcript.js';
import { checkReparseOf } from './reparse-of.js';

export type { Check } from './check.js';
export type { TrustOptions } from './timestamps.js';
export type { Renderer, PageComparison } from './pages.js';

export interface ReportVerification {
  readonly ok: boolean;
  readonly checks: readonly Check[];
  /** How the pages were compared with chatproof's rendering of the report's data (./pages.ts); null when they were not. */
  readonly comparison: PageComparison | null;
}

/**
 * `chatproof verify-report`: docs/design/evidence-model.md P7 without the archive. Every check runs and is reported (restic's
 * `check`: collect every problem, never stop at the first). Throws InputError only when the file
 * is not a chatproof report at all.
 */
export async function verifyReport(pdf: Uint8Array, where: string, trust: TrustOptions, renderer: Renderer): Promise<ReportVerification> {
  const files = await readEmbeddedFiles(pdf, where);
  const reading = readManifest(files, where);
  if (reading.manifest === null) {
    return {
      ok: false,
      checks: [finding(msg('vr.name.manifest'), false, msg('vr.manifest.damaged', { manifest: MANIFEST_NAME, problems: listed(reading.problems, 6) }))],
      comparison: null,
    };
  }
  const manifest = reading.manifest;
  const ev: Evidence = { manifest, files, entries: new Map(manifest.log.entries.map((e) => [e.seq, e])) };
  const raw = Buffer.from(files.get(MANIFEST_NAME)!).toString('utf8');
  const checks: Check[] = [
    canonicalJson(JSON.parse(raw)) === raw
      ? check(
          msg('vr.name.manifest'),
          [],
          msg('vr.manifest.ok', { manifest: MANIFEST_NAME, mode: manifest.mode, generator: manifest.generator }),
          msg('vr.rests.rfc8785'),
        )
      : finding(msg('vr.name.manifest'), false, msg('vr.manifest.not-canonical', { manifest: MANIFEST_NAME })),
  ];
  checks.push(...checkEmbedded(ev), checkLog(ev), checkRoom(ev));
  const roomTitle = field(ev.entries.get(manifest.room.entrySeq)?.payload, 'room', 'title');
  for (const c of manifest.captures) {
    const facts = captureFacts(ev.entries.get(c.entrySeq), c, manifest.room.id);
    if (facts instanceof Phrase) checks.push(finding(msg('vr.name.capture', { id: c.id }), false, facts));
    else if (manifest.mode === 'full')
      checks.push(...checkFullCapture(ev, c, facts, typeof roomTitle === 'string' ? roomTitle : null), ...checkReparseOf(ev, c));
    else checks.push(checkProofs(c, facts), ...checkSaveTimeOf(ev, c, null), ...checkReparseOf(ev, c));
  }
  checks.push(checkMessages(ev), checkSightings(ev));
  if (manifest.mode === 'full') checks.push(checkStatuses(ev));
  if (manifest.timestamps.length === 0) checks.push(noTimestamp());
  for (const t of manifest.timestamps) checks.push(await checkTimestamp(ev, t, trust));
  const stamping = stampingOf(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), renderer);
  checks.push(await checkDocTimestamp(stamping, trust));
  checks.push(...checkAttachments(ev));
  const pages = await checkPages(pdf, ev, renderer, stamping);
  checks.push(...pages.checks);
  return { ok: checks.every((c) => c.ok), checks, comparison: pages.comparison };
}
