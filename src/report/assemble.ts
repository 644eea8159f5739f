import { canonicalJson } from '../core/canonical.js';
import type { HashedMessage, Message } from '../core/types.js';
import { entryCanonical } from '../store/entry-hash.js';
import type { EntryRecord } from '../store/records.js';
import type { BuildOptions } from './options.js';
import { CanonicalJson } from './canonical-json.js';
import { attachmentName, embedded, imageKind, originalMime, originalName } from './files.js';
import { LOG_NAME, MANIFEST_NAME, MANIFEST_TYPE, type Manifest, type ManifestCapture, type ManifestFile, type ManifestProof } from './manifest.js';
import type { EmbeddedFile, ReportFile, ReportMode, ReportTimestamp } from './model.js';
import { readAttachment } from '../attach/payload.js';
import { auditPaths } from './proofs.js';
import type { ShownSet } from './shown.js';
import type { ReportSource, SourceCapture } from './source.js';

export interface AssembleInput {
  readonly src: ReportSource;
  readonly mode: ReportMode;
  /** Private mode: audit paths already made, when the captures' message lists are not at hand. */
  readonly proofs: ProofsByCapture | null;
  readonly used: readonly SourceCapture[];
  readonly ordinalOf: ReadonlyMap<string, number>;
  /** The included log: `logFrom`..head. */
  readonly entries: readonly EntryRecord[];
  readonly timestamps: readonly ReportTimestamp[];
  readonly set: ShownSet;
  readonly opts: BuildOptions;
  readonly title: string;
  readonly head: EntryRecord;
  readonly logFrom: number;
  readonly captureMembers: (entrySeq: number) => string[];
}

/** Capture id → { message hash → its audit path }. */
export type ProofsByCapture = ReadonlyMap<string, Readonly<Record<string, ManifestProof>>>;

export interface Assembled {
  /** manifest.json first, then the files it lists, in a fixed order. */
  readonly embedded: readonly EmbeddedFile[];
  readonly manifestSha256: string;
  /** Capture id → embedded original's name (full mode). */
  readonly originals: ReadonlyMap<string, string>;
  readonly reportFiles: readonly ReportFile[];
}

/** The files a report carries and the manifest that lists them (docs/report.md "Manifest"). */
export function assembleFiles(input: AssembleInput): Assembled {
  const { src, mode, set } = input;
  const files: EmbeddedFile[] = [];
  const originals = new Map<string, string>();
  const log = input.entries.map((e) => entryCanonical({ ...e, prevHash: e.prevHash })).join('\n') + '\n';
  files.push(
    embedded(
      LOG_NAME,
      Buffer.from(log, 'utf8'),
      'log',
      'application/x-ndjson',
      `Log entries #${input.logFrom}..#${input.head.seq}, one hashed form per line / ログ（1 行 1 件、ハッシュ計算の対象そのもの）`,
    ),
  );

  const captures: ManifestCapture[] = input.used.map((c) => {
    const ordinal = input.ordinalOf.get(c.record.id)!;
    const base = { id: c.record.id, entrySeq: c.record.entrySeq, members: input.captureMembers(c.record.entrySeq) };
    if (mode === 'private') return { ...base, file: null, extras: [], proofs: input.proofs?.get(c.record.id) ?? proofsFor(c, set) };
    if (c.raw === null) throw new Error(`report: the original of capture ${c.record.id} was not read`);
    const name = originalName(ordinal, c.record.id, c.raw);
    originals.set(c.record.id, name);
    files.push(embedded(name, c.raw, 'original', originalMime(name), `Original bytes of capture #${ordinal} / 取り込み #${ordinal} の元データ`));
    const extras = c.extras.map((bytes, i) => {
      const extra = originalName(ordinal, c.record.id, bytes, i + 1);
      files.push(
        embedded(extra, bytes, 'original', originalMime(extra), `Further original bytes of capture #${ordinal} / 取り込み #${ordinal} の元データ（追加分）`),
      );
      return extra;
    });
    return { ...base, file: name, extras, messageHashes: c.messages.map((m) => m.hash) };
  });

  for (const t of input.timestamps) {
    files.push(
      embedded(
        t.tokenFile,
        src.blobs.get(t.tokenSha256)!,
        'timestamp-token',
        'application/pkcs7-mime',
        `RFC 3161 timestamp token of log entry #${t.entrySeq} / タイムスタンプトークン`,
      ),
    );
    files.push(
      embedded(
        t.dataFile,
        Buffer.from(canonicalJson({ v: 1, seq: t.stampedSeq, hash: t.stampedHash }), 'utf8'),
        'timestamp-data',
        'application/json',
        `The exact bytes the token of entry #${t.entrySeq} was issued over / タイムスタンプの対象データ`,
      ),
    );
  }

  const shownHashes = new Set(set.shown.map((m) => m.hash));
  const reportFiles: ReportFile[] = [];
  const attachments: { entrySeq: number; file: string | null }[] = [];
  for (const e of input.entries) {
    // readAttachment refuses a malformed payload: a report must not silently drop a file.
    const a = e.roomId === src.room.id && e.kind === 'attachment' ? readAttachment(e.payload, e.seq) : null;
    // A private report discloses only files tied to a message it shows.
    if (a === null || (mode === 'private' && (a.forMessage === null || !shownHashes.has(a.forMessage)))) continue;
    const bytes = a.bytesKept ? src.blobs.get(a.sha256) : undefined;
    const name = bytes === undefined ? null : attachmentName(e.seq, a.name);
    if (bytes !== undefined && name !== null) files.push(embedded(name, bytes, 'attachment', a.mime, `${a.kind}: ${a.name}`));
    const image = bytes !== undefined && a.kind === 'screenshot' && imageKind(bytes) !== null ? bytes : null;
    reportFiles.push({
      seq: e.seq,
      at: e.at,
      name: a.name,
      sha256: a.sha256,
      size: a.size,
      kind: a.kind,
      mime: a.mime,
      note: a.note,
      forMessage: a.forMessage,
      file: name,
      image,
    });
    attachments.push({ entrySeq: e.seq, file: name });
  }

  const listed: Record<string, ManifestFile> = {};
  for (const f of files) listed[f.name] = { sha256: f.sha256, size: f.size, role: f.role };
  const manifest: Manifest = {
    v: 1,
    type: MANIFEST_TYPE,
    generator: input.opts.generator,
    mode,
    lang: input.opts.lang,
    title: input.title,
    tz: input.opts.tz,
    range: input.opts.range,
    room: { id: src.room.id, entrySeq: src.room.createdSeq },
    head: { seq: input.head.seq, hash: input.head.hash },
    log: {
      from: input.logFrom,
      file: LOG_NAME,
      entries: input.entries.map((e) => ({ seq: e.seq, kind: e.kind, at: e.at, roomId: e.roomId, prev: e.prevHash, payload: e.payload, hash: e.hash })),
    },
    captures,
    // Full mode states every message of every capture, so a verifier can redo the change detection.
    messages: messageMap(mode === 'full' ? allMessages(input.used) : set.versions),
    transcript: set.manifest,
    timestamps: input.timestamps.map((t) => ({ entrySeq: t.entrySeq, token: t.tokenFile, data: t.dataFile })),
    attachments,
    files: listed,
  };
  // Measured and hashed now, serialized again when embedded (model.ts, EmbeddedFile.chunks).
  const text = new CanonicalJson(manifest);
  const manifestFile: EmbeddedFile = {
    name: MANIFEST_NAME,
    chunks: () => text.chunks(),
    size: text.size,
    sha256: text.sha256,
    role: 'manifest',
    mime: 'application/json',
    description: 'chatproof report manifest: hashes, Merkle roots, log entries (canonical JSON) / 検証用マニフェスト',
  };
  return { embedded: [manifestFile, ...files], manifestSha256: manifestFile.sha256, originals, reportFiles };
}

function proofsFor(c: SourceCapture, set: ShownSet): Record<string, { index: number; path: readonly string[] }> {
  const wanted = new Set(set.sightings.filter((s) => s.capture === c.record.id).map((s) => s.hash));
  const indexOf = new Map<number, string>();
  const found = new Set<string>();
  c.messages.forEach((m, i) => {
    // The first position of a hash: a message repeated verbatim in one minute has one canonical form.
    if (wanted.has(m.hash) && !found.has(m.hash)) {
      found.add(m.hash);
      indexOf.set(i, m.hash);
    }
  });
  const leaves = c.messages.map((m) => Buffer.from(m.hash, 'hex'));
  const out: Record<string, { index: number; path: readonly string[] }> = {};
  for (const [index, proof] of auditPaths(leaves, indexOf.keys())) out[indexOf.get(index)!] = proof;
  return out;
}

function allMessages(captures: readonly SourceCapture[]): Map<string, HashedMessage> {
  const out = new Map<string, HashedMessage>();
  for (const c of captures) for (const m of c.messages) out.set(m.hash, m);
  return out;
}

function messageMap(versions: ReadonlyMap<string, HashedMessage>): Record<string, Message> {
  const out: Record<string, Message> = {};
  for (const [hash, m] of versions) {
    out[hash] = { kind: m.kind, sender: m.sender, senderId: m.senderId, sentAt: m.sentAt, body: m.body, externalId: m.externalId, editedAt: m.editedAt };
  }
  return out;
}
