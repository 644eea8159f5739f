import { buildArchiveView, type CaptureView } from '../core/diff/index.js';
import { RAW_VARIANT, type HashedMessage } from '../core/types.js';
import { decodeInput } from '../importers/decode.js';
import type { EntryRecord } from '../store/records.js';
import { parseTokenInfo } from '../timestamp/index.js';
import { roomObservations } from '../store/room-history.js';
import { assembleFiles, type ProofsByCapture } from './assemble.js';
import { stampedDataName, tokenName } from './files.js';
import type { BuildOptions } from './options.js';
import type { Report, ReportCapture, ReportCounts, ReportLang, ReportMode, ReportObservation, ReportTimestamp, ShownMessage } from './model.js';
import { rangeTest } from './range.js';
import { selectShown, type ShownSet } from './shown.js';
import type { ReportSource } from './source.js';
import { type AsOfFacts, captureAsOf, captureMembers, readCapture } from '../core/entries/capture.js';
import { readTimestamp } from '../core/entries/timestamp.js';

/**
 * The report model of a room: a pure function of the archive state read by collect.ts and the
 * options, so that the same archive and options give the same report, byte for byte.
 */
export function buildReport(src: ReportSource, opts: BuildOptions): Report {
  const mode = modeOf(opts);
  const views: CaptureView[] = src.captures.map((c) => ({
    id: c.record.id,
    capturedAt: c.record.capturedAt,
    coverage: c.record.coverage,
    messages: c.messages,
  }));
  const view = buildArchiveView(views);
  const byHash = new Map<string, HashedMessage>();
  for (const c of src.captures) for (const m of c.messages) byHash.set(m.hash, m);
  const inside = rangeTest(opts.range);
  const set = selectShown(view, (m) => mode === 'full' || inside(m.sentAt), ordinalsOf(src), byHash, src.room.source);
  return composeReport(src, opts, set, null);
}

const modeOf = (opts: BuildOptions): ReportMode => (opts.private || opts.range !== null ? 'private' : 'full');

/** Capture id → its 1-based place among the room's captures: "capture #2" on the pages. */
export const ordinalsOf = (src: ReportSource): Map<string, number> => new Map(src.captures.map((c, i) => [c.record.id, i + 1]));

/**
 * The report of an already selected set of messages. `proofs` (capture id → audit paths) are
 * given when the captures' message lists are not at hand: verify-report rebuilding a private
 * report from the proofs it carries.
 */
export function composeReport(src: ReportSource, opts: BuildOptions, set: ShownSet, proofs: ProofsByCapture | null): Report {
  const head = src.entries[src.entries.length - 1];
  if (head === undefined) throw new Error('report: the archive log is empty');
  const mode = modeOf(opts);
  // Entries before the room's own first entry concern other rooms only (docs/report.md "Log").
  const logFrom = src.room.createdSeq;
  const entries = src.entries.filter((e) => e.seq >= logFrom);
  const entryBySeq = new Map(entries.map((e) => [e.seq, e]));
  const ordinalOf = ordinalsOf(src);

  const relied = new Set(
    mode === 'full' ? src.captures.map((c) => c.record.id) : [...set.sightings.map((s) => s.capture), ...set.manifest.map((m) => m.statusAsOf)],
  );
  const timestamps = reportTimestamps(entries, src.blobs, logFrom);
  const used = src.captures.filter((c) => relied.has(c.record.id));
  const title = opts.title ?? defaultTitle(src.room.title, opts.lang);
  const files = assembleFiles({
    src,
    mode,
    proofs,
    used,
    ordinalOf,
    entries,
    timestamps,
    set,
    opts,
    title,
    head,
    logFrom,
    captureMembers: (seq) => membersOf(entryBySeq.get(seq)),
  });

  const readAgain = reparsesOf(entries, ordinalOf);
  const byId = new Map(src.captures.map((c) => [c.record.id, c.record]));
  const captures: ReportCapture[] = used.map((c) => ({
    ordinal: ordinalOf.get(c.record.id)!,
    id: c.record.id,
    entrySeq: c.record.entrySeq,
    capturedAt: c.record.capturedAt,
    sourceSavedAt: sourceSaveTime(c.record, byId),
    format: c.record.format,
    parserVersion: c.record.parserVersion,
    tz: c.record.tz,
    coverage: c.record.coverage,
    messageCount: c.record.messageCount,
    rawSha256: c.record.rawSha256,
    rawSize: c.record.rawSize,
    merkleRoot: c.record.merkleRoot,
    file: files.originals.get(c.record.id) ?? null,
    stampedBy: timestamps.find((t) => t.stampedSeq >= c.record.entrySeq) ?? null,
    rawText: c.record.variant === RAW_VARIANT && c.raw !== null ? decodeInput(c.raw, null).text : null,
    readAgain: readAgain.get(c.record.id) ?? [],
  }));
  const period = { from: set.shown[0]?.sentAt ?? null, to: set.shown[set.shown.length - 1]?.sentAt ?? null };
  return {
    lang: opts.lang,
    title,
    mode,
    tz: opts.tz,
    range: opts.range,
    room: { id: src.room.id, source: src.room.source, title: src.room.title, externalId: src.room.externalId },
    parties: parties(set.shown),
    period,
    head: { seq: head.seq, hash: head.hash, at: head.at },
    logFrom,
    captures,
    timestamps,
    counts: counts(set.shown),
    transcript: set.shown,
    observations: observations(entries, src.room.id),
    files: files.reportFiles,
    embedded: files.embedded,
    manifestSha256: files.manifestSha256,
    generator: opts.generator,
  };
}

/**
 * When the source itself says the export was saved (LINE's 保存日時, Chatwork's server time):
 * `captureAsOf`'s rule — its own, else that of the capture whose original it reads again —
 * without its fallback to the import time; null when the source states none, or the capture was
 * stored before captures recorded it.
 */
function sourceSaveTime(record: AsOfFacts, byId: ReadonlyMap<string, AsOfFacts>): string | null {
  const unstated = (f: AsOfFacts): AsOfFacts => ({ ...f, capturedAt: '' });
  const at = captureAsOf(unstated(record), (id) => {
    const of = byId.get(id);
    return of === undefined ? undefined : unstated(of);
  });
  return at === '' ? null : at;
}

function defaultTitle(room: string, lang: ReportLang): string {
  return lang === 'ja' ? `チャット記録: ${room}` : `Chat record: ${room}`;
}

/** Raw capture id → the captures that read its original again (`reparseOf`), from the log the report carries. */
function reparsesOf(entries: readonly EntryRecord[], ordinalOf: ReadonlyMap<string, number>): Map<string, ReportCapture['readAgain'][number][]> {
  const out = new Map<string, ReportCapture['readAgain'][number][]>();
  for (const e of entries) {
    const read = e.kind === 'capture' ? readCapture(e.payload) : null;
    const c = read?.ok ? read.value.capture : null;
    const ordinal = c ? ordinalOf.get(c.id) : undefined;
    if (c?.reparseOf === undefined || ordinal === undefined) continue;
    out.set(c.reparseOf, [...(out.get(c.reparseOf) ?? []), { ordinal, capturedAt: c.capturedAt }]);
  }
  return out;
}

/** Members named at import (`--member`), if the capture entry kept them: needed to re-parse LINE desktop exports. */
function membersOf(e: EntryRecord | undefined): string[] {
  const read = e?.kind === 'capture' ? readCapture(e.payload) : null;
  return read?.ok ? captureMembers(read.value.meta) : [];
}

/** Tokens stored by `stamp` / `report --tsa` over a head inside the included log. */
function reportTimestamps(entries: readonly EntryRecord[], blobs: ReadonlyMap<string, Uint8Array>, logFrom: number): ReportTimestamp[] {
  const out: ReportTimestamp[] = [];
  for (const e of entries) {
    const read = e.kind === 'timestamp' ? readTimestamp(e.payload) : null;
    const p = read?.ok ? read.value : null;
    const token = p === null ? undefined : blobs.get(p.tokenSha256);
    if (p === null || token === undefined || p.seq < logFrom) continue;
    let info;
    try {
      info = parseTokenInfo(token);
    } catch {
      continue; // not a token at all: nothing it could vouch for, so the report does not rely on it
    }
    out.push({
      entrySeq: e.seq,
      stampedSeq: p.seq,
      stampedHash: p.hash,
      genTime: info.genTime,
      tsaName: info.tsaName ?? p.tsaName,
      tsaUrl: p.tsaUrl,
      tokenSha256: p.tokenSha256,
      tokenFile: tokenName(e.seq),
      dataFile: stampedDataName(e.seq),
    });
  }
  return out;
}

/** The room's notes and observations, worded as `chatproof show` words them. */
function observations(entries: readonly EntryRecord[], roomId: string): ReportObservation[] {
  return roomObservations(entries.filter((e) => e.roomId === roomId)).map((o) => ({
    seq: o.entrySeq ?? 0,
    at: o.at,
    kind: o.kind === 'note' ? 'note' : 'observation',
    text: o.text,
  }));
}

function parties(shown: readonly ShownMessage[]): string[] {
  const names = new Set<string>();
  for (const m of shown) if (m.sender !== null && m.kind !== 'system') names.add(m.sender);
  return [...names];
}

function counts(shown: readonly ShownMessage[]): ReportCounts {
  const n = (s: ShownMessage['status']): number => shown.filter((m) => m.status === s).length;
  return { shown: shown.length, present: n('present'), edited: n('edited'), unsent: n('unsent'), deleted: n('deleted') };
}
