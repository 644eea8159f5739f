import { sha256Hex } from '../../core/hash.js';
import { type HashedMessage, type Source, withHash } from '../../core/types.js';
import type { EntryKind } from '../../core/entries/index.js';
import { captureAsOf, inAsOfOrder, readCapture } from '../../core/entries/capture.js';
import type { CaptureRecord, EntryRecord, RoomRecord } from '../../store/records.js';
import { buildReport, composeReport, ordinalsOf } from '../build.js';
import { selectShown, type ShownSet } from '../shown.js';
import type { HistoryEntry, ViewMessage } from '../../core/diff/index.js';
import type { Report } from '../model.js';
import type { SourceCapture } from '../source.js';
import { type Evidence, field } from './check.js';

/**
 * The report model rebuilt from what the report itself carries: the log entries, the captures'
 * messages and originals (full) or the shown messages and their audit paths (private), the
 * tokens and kept files, and the options the manifest states. Rendered again, it must give the
 * report's own pages: so every byte a reader sees follows from data the other checks bind to the
 * chain (docs/report.md "What verify-report checks"). A full report goes through chatproof's
 * change detection again; a private one states its statuses, which the other checks bind. A
 * string says why it cannot be rebuilt.
 */
export function rebuildReport(ev: Evidence): Report | string {
  const { manifest: m } = ev;
  const roomEntry = ev.entries.get(m.room.entrySeq);
  const room = field(roomEntry?.payload, 'room');
  const source = field(room, 'source'),
    title = field(room, 'title'),
    externalId = field(room, 'externalId');
  if (roomEntry?.kind !== 'room' || typeof source !== 'string' || typeof title !== 'string' || (externalId !== null && typeof externalId !== 'string')) {
    return `log entry #${m.room.entrySeq} does not create the room`;
  }
  const roomRecord: RoomRecord = { id: m.room.id, source: source as Source, externalId, title, createdSeq: m.room.entrySeq };
  const entries: EntryRecord[] = m.log.entries.map((e) => ({
    seq: e.seq,
    kind: e.kind as EntryKind,
    at: e.at,
    roomId: e.roomId,
    payload: e.payload as Record<string, unknown>,
    prevHash: e.prev,
    hash: e.hash,
  }));
  const stated: StatedRecord[] = [];
  for (const e of m.log.entries) {
    if (e.kind !== 'capture' || e.roomId !== m.room.id) continue;
    const record = captureRecord(ev, e.seq);
    if (record === null) return `log entry #${e.seq} is not a readable capture`;
    stated.push(record);
  }
  // In the order the archive reads a room's history, from what the entries state (captureAsOf).
  const known = new Map(stated.map((r) => [r.id, r]));
  const records = inAsOfOrder(stated.map((r) => ({ ...r, asOf: captureAsOf(r, (id) => known.get(id)) })));
  const captures: SourceCapture[] = [];
  for (const record of records) {
    const made = m.mode === 'full' ? fullCapture(ev, record) : { record, messages: [], raw: null, extras: [] };
    if (typeof made === 'string') return made;
    captures.push(made);
  }
  const src = { room: roomRecord, entries, captures, blobs: embeddedBlobs(ev) };
  const opts = { lang: m.lang, title: m.title, tz: m.tz, range: m.range, private: m.mode === 'private', generator: m.generator };
  try {
    if (m.mode === 'full') return buildReport(src, opts);
    const set = statedSet(ev, ordinalsOf(src), roomRecord.source);
    if (typeof set === 'string') return set;
    const proofs = new Map(m.captures.map((c) => [c.id, c.proofs ?? {}]));
    return composeReport(src, opts, set, proofs);
  } catch (e) {
    return (e as Error).message;
  }
}

function fullCapture(ev: Evidence, record: CaptureRecord): SourceCapture | string {
  const c = ev.manifest.captures.find((x) => x.id === record.id);
  const raw = c?.file == null ? undefined : ev.files.get(c.file);
  if (c === undefined || raw === undefined) return `capture ${record.id} is not embedded`;
  const messages: HashedMessage[] = [];
  for (const h of c.messageHashes ?? []) {
    const msg = ev.manifest.messages[h];
    if (msg === undefined) return `message ${h} of capture ${c.id} is not stated`;
    messages.push(withHash(msg, h));
  }
  const extras = c.extras.map((name) => ev.files.get(name));
  if (extras.some((x) => x === undefined)) return `capture ${c.id} lacks a further original`;
  return { record, messages, raw, extras: extras as Uint8Array[] };
}

/** Tokens and kept files by their SHA-256, as the archive's blob store hands them to the builder. */
function embeddedBlobs(ev: Evidence): Map<string, Uint8Array> {
  const blobs = new Map<string, Uint8Array>();
  const names = [...ev.manifest.timestamps.map((t) => t.token), ...ev.manifest.attachments.map((a) => a.file)];
  for (const name of names) {
    const bytes = name === null ? undefined : ev.files.get(name);
    if (bytes !== undefined) blobs.set(sha256Hex(bytes), bytes);
  }
  return blobs;
}

/** A private report's shown messages as the change detection had them, from its transcript and messages. */
function statedSet(ev: Evidence, ordinals: ReadonlyMap<string, number>, source: Source): ShownSet | string {
  const stated = ev.manifest.messages;
  const byHash = new Map(Object.entries(stated).map(([h, msg]) => [h, withHash(msg, h)]));
  const messages: ViewMessage[] = [];
  for (const t of ev.manifest.transcript) {
    const content = byHash.get(t.hash),
      current = byHash.get(t.last.hash),
      first = t.versions[0];
    const history = t.versions.map((v) => {
      const msg = byHash.get(v.hash);
      return msg === undefined ? null : { capture: v.capture, hash: v.hash, kind: msg.kind, body: msg.body };
    });
    if (content === undefined || current === undefined || first === undefined || history.includes(null)) return `message ${t.hash} is not stated in full`;
    messages.push({
      ...content,
      status: t.status,
      firstSeen: first.capture,
      lastSeen: t.last.capture,
      statusAsOf: t.statusAsOf,
      history: history as HistoryEntry[],
      current,
    });
  }
  return selectShown({ captures: [...ordinals.keys()], messages, roomObservations: [] }, () => true, ordinals, byHash, source);
}

/** The capture entry as its one reader (core/entries) reads it: a report's log is held to the archive's own rules. */
type StatedRecord = Omit<CaptureRecord, 'asOf'>;

function captureRecord(ev: Evidence, seq: number): StatedRecord | null {
  const e = ev.entries.get(seq);
  const payload = e?.payload;
  if (e?.kind !== 'capture' || typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  const read = readCapture(payload as Record<string, unknown>);
  return read.ok ? { ...read.value.capture, entrySeq: seq } : null;
}
