import { messageHash } from '../../core/canonical.js';
import { buildArchiveView, type CaptureView } from '../../core/diff/index.js';
import type { Coverage, HashedMessage } from '../../core/types.js';
import { captureAsOf, inAsOfOrder, readCapture, type AsOfFacts } from '../../core/entries/capture.js';
import type { ManifestShown } from '../manifest.js';
import { msg, type Phrase } from '../../i18n/message.js';
import { check, type Check, type Evidence, field, short } from './check.js';

/** Every stated message hashes to its key (docs/design/evidence-model.md P2). */
export function checkMessages(ev: Evidence): Check {
  const problems: Phrase[] = [];
  const entries = Object.entries(ev.manifest.messages);
  for (const [hash, m] of entries) {
    const actual = messageHash(m);
    if (actual !== hash) problems.push(msg('vr.messages.changed', { hash: short(hash), at: m.sentAt, sender: m.sender ?? '', actual: short(actual) }));
  }
  return check(msg('vr.name.messages'), problems, msg('vr.messages.ok', { n: entries.length }), msg('vr.rests.message-form'));
}

/** Each shown version is in the capture it is attributed to: in its hash list (full) or by a proof (private). */
export function checkSightings(ev: Evidence): Check {
  const { manifest } = ev;
  const byId = new Map(manifest.captures.map((c) => [c.id, c]));
  const listed = new Map(manifest.captures.map((c) => [c.id, new Set(c.messageHashes ?? [])]));
  const problems: Phrase[] = [];
  let n = 0;
  for (const t of manifest.transcript) {
    if (manifest.messages[t.hash] === undefined) problems.push(msg('vr.shown.unknown', { hash: short(t.hash) }));
    for (const s of [...t.versions, t.last]) {
      n++;
      const c = byId.get(s.capture);
      if (manifest.messages[s.hash] === undefined) problems.push(msg('vr.shown.version-unknown', { hash: short(s.hash) }));
      if (c === undefined) problems.push(msg('vr.shown.no-capture', { hash: short(s.hash), capture: s.capture }));
      else if (manifest.mode === 'full' ? listed.get(c.id)?.has(s.hash) !== true : c.proofs?.[s.hash] === undefined) {
        problems.push(msg('vr.shown.not-in-capture', { hash: short(s.hash), capture: s.capture }));
      }
    }
  }
  const full = manifest.mode === 'full';
  return check(
    msg('vr.name.shown'),
    problems,
    msg(full ? 'vr.shown.ok-full' : 'vr.shown.ok-private', { n: manifest.transcript.length, sightings: n }),
    msg(full ? 'vr.rests.capture-checks' : 'vr.rests.proofs-above'),
  );
}

/** Full mode: the statuses shown (edited, unsent, deleted) follow from the captures themselves. */
export function checkStatuses(ev: Evidence): Check {
  const { manifest } = ev;
  const problems: Phrase[] = [];
  const views: (CaptureView & { asOf: string; entrySeq: number })[] = [];
  const stated = new Map(manifest.captures.map((c) => [c.id, asOfFacts(ev.entries.get(c.entrySeq)?.payload)]));
  for (const c of manifest.captures) {
    const e = ev.entries.get(c.entrySeq);
    const messages: HashedMessage[] = [];
    for (const hash of c.messageHashes ?? []) {
      const m = manifest.messages[hash];
      if (m === undefined) problems.push(msg('vr.statuses.unstated', { hash: short(hash), capture: c.id }));
      else messages.push({ ...m, hash });
    }
    views.push({
      asOf: captureAsOf(stated.get(c.id) ?? { capturedAt: '' }, (id) => stated.get(id)),
      entrySeq: c.entrySeq,
      id: c.id,
      capturedAt: String(field(e?.payload, 'capture', 'capturedAt') ?? ''),
      coverage: field(e?.payload, 'capture', 'coverage') as Coverage,
      messages,
    });
  }
  if (problems.length === 0) {
    // In the archive's order (captureAsOf), whatever order the manifest lists the captures in.
    const derived = buildArchiveView(inAsOfOrder(views)).messages.map((m): ManifestShown => ({
      hash: m.hash,
      status: m.status,
      statusAsOf: m.statusAsOf,
      versions: m.history.map((v) => ({ capture: v.capture, hash: v.hash })),
      last: { capture: m.lastSeen, hash: m.current.hash },
    }));
    const key = (s: ManifestShown): string => JSON.stringify([s.hash, s.status, s.statusAsOf, s.versions, s.last]);
    if (derived.length !== manifest.transcript.length) problems.push(msg('vr.statuses.count', { derived: derived.length, shown: manifest.transcript.length }));
    derived.forEach((d, i) => {
      const shown = manifest.transcript[i];
      if (shown !== undefined && key(d) !== key(shown))
        problems.push(msg('vr.statuses.differs', { hash: short(d.hash), status: d.status, shownStatus: shown.status, shown: short(shown.hash) }));
    });
  }
  const c = countOf(manifest.transcript);
  return check(
    msg('vr.name.statuses'),
    problems,
    msg('vr.statuses.ok', { captures: manifest.captures.length, edited: c.edited, unsent: c.unsent, deleted: c.deleted, present: c.present }),
    msg('vr.rests.diff'),
  );
}

/** What a capture entry states of its "as of" time; an unreadable one sorts by its import time, as the archive would not hold it. */
function asOfFacts(payload: unknown): AsOfFacts {
  const read = typeof payload === 'object' && payload !== null ? readCapture(payload as Record<string, unknown>) : null;
  return read?.ok ? read.value.capture : { capturedAt: String(field(payload, 'capture', 'capturedAt') ?? '') };
}

function countOf(t: readonly ManifestShown[]): Record<ManifestShown['status'], number> {
  const out = { present: 0, edited: 0, unsent: 0, deleted: 0 };
  for (const s of t) out[s.status]++;
  return out;
}
