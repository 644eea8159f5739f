import { messageHash } from '../../core/canonical.js';
import { buildArchiveView, type CaptureView } from '../../core/diff/index.js';
import type { Coverage, HashedMessage } from '../../core/types.js';
import type { ManifestShown } from '../manifest.js';
import { check, type Check, type Evidence, field, short } from './check.js';

/** Every stated message hashes to its key (P2). */
export function checkMessages(ev: Evidence): Check {
  const problems: string[] = [];
  const entries = Object.entries(ev.manifest.messages);
  for (const [hash, m] of entries) {
    const actual = messageHash(m);
    if (actual !== hash) problems.push(`message ${short(hash)} (${m.sentAt} ${m.sender ?? ''}) hashes to ${short(actual)}: its text or fields were changed`);
  }
  return check('message hashes', problems, `${entries.length} messages re-hashed from their fields, each equal to the hash it is listed under`, 'SHA-256 over the canonical message form v1, docs/hashing.md §2');
}

/** Each shown version is in the capture it is attributed to: in its hash list (full) or by a proof (private). */
export function checkSightings(ev: Evidence): Check {
  const { manifest } = ev;
  const byId = new Map(manifest.captures.map((c) => [c.id, c]));
  const listed = new Map(manifest.captures.map((c) => [c.id, new Set(c.messageHashes ?? [])]));
  const problems: string[] = [];
  let n = 0;
  for (const t of manifest.transcript) {
    if (manifest.messages[t.hash] === undefined) problems.push(`shown message ${short(t.hash)} is not among the manifest's messages`);
    for (const s of [...t.versions, t.last]) {
      n++;
      const c = byId.get(s.capture);
      if (manifest.messages[s.hash] === undefined) problems.push(`version ${short(s.hash)} is not among the manifest's messages`);
      if (c === undefined) problems.push(`message ${short(s.hash)} is attributed to capture ${s.capture}, which the report does not include`);
      else if (manifest.mode === 'full' ? listed.get(c.id)?.has(s.hash) !== true : c.proofs?.[s.hash] === undefined) {
        problems.push(`message ${short(s.hash)} is not in capture ${s.capture}`);
      }
    }
  }
  return check('shown messages', problems,
    `${manifest.transcript.length} shown messages: each of their ${n} sightings is ${manifest.mode === 'full' ? 'in its capture\'s message list' : 'covered by an inclusion proof of its capture'}`,
    manifest.mode === 'full' ? 'the capture checks above' : 'the inclusion proofs above');
}

/** Full mode: the statuses shown (edited, unsent, deleted) follow from the captures themselves. */
export function checkStatuses(ev: Evidence): Check {
  const { manifest } = ev;
  const problems: string[] = [];
  const views: CaptureView[] = [];
  for (const c of manifest.captures) {
    const e = ev.entries.get(c.entrySeq);
    const messages: HashedMessage[] = [];
    for (const hash of c.messageHashes ?? []) {
      const m = manifest.messages[hash];
      if (m === undefined) problems.push(`message ${short(hash)} of capture ${c.id} is not stated`);
      else messages.push({ ...m, hash });
    }
    views.push({ id: c.id, capturedAt: String(field(e?.payload, 'capture', 'capturedAt') ?? ''), coverage: field(e?.payload, 'capture', 'coverage') as Coverage, messages });
  }
  if (problems.length === 0) {
    const derived = buildArchiveView(views).messages.map((m): ManifestShown => ({
      hash: m.hash, status: m.status, statusAsOf: m.statusAsOf, versions: m.history.map((v) => ({ capture: v.capture, hash: v.hash })), last: { capture: m.lastSeen, hash: m.current.hash },
    }));
    const key = (s: ManifestShown): string => JSON.stringify([s.hash, s.status, s.statusAsOf, s.versions, s.last]);
    if (derived.length !== manifest.transcript.length) problems.push(`the captures give ${derived.length} messages, the report shows ${manifest.transcript.length}`);
    derived.forEach((d, i) => {
      const shown = manifest.transcript[i];
      if (shown !== undefined && key(d) !== key(shown)) problems.push(`message ${short(d.hash)} is ${d.status} by the captures, but shown as ${shown.status} (${short(shown.hash)})`);
    });
  }
  const c = countOf(manifest.transcript);
  return check('statuses', problems,
    `comparing the ${manifest.captures.length} captures again gives exactly the statuses shown: ${c.edited} edited, ${c.unsent} unsent, ${c.deleted} deleted, ${c.present} unchanged`,
    'chatproof\'s change detection (src/core/diff, docs/diff.md) run on the verified captures');
}

function countOf(t: readonly ManifestShown[]): Record<ManifestShown['status'], number> {
  const out = { present: 0, edited: 0, unsent: 0, deleted: 0 };
  for (const s of t) out[s.status]++;
  return out;
}
