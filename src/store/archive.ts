import type Database from 'better-sqlite3';
import { MESSAGE_TAG } from '../core/canonical.js';
import { ArchiveError, IntegrityError } from '../core/errors.js';
import { taggedHashOfBytes } from '../core/hash.js';
import { listRootHex } from '../core/merkle.js';
import { msg } from '../i18n/message.js';
import { messageBound, withHash, type HashedMessage, type Source } from '../core/types.js';
import { appendEntry, putBlob } from './append.js';
import { backupArchive } from './backup.js';
import { hasOriginal, originalSize, readOriginal } from './blobs/originals.js';
import { keptIn } from './blobs/prepared.js';
import { readList } from './lists/hash-lists.js';
import { FORM_READ, formText, messageOfRow } from './message-forms.js';
import { recordCapture, type CaptureProgress, type NewCapture, type RecordedCapture } from './capture-write.js';
import type { EntryKind, NewPayload, PayloadByKind } from '../core/entries/index.js';
import { THREAD_FROM, WriterThread } from './capture-thread.js';
import { asArchiveError, DEFAULT_BUSY_TIMEOUT_MS, openArchiveDb, type OpenOptions } from './open-archive.js';
import type { CaptureRecord, EntryRecord, RoomRecord, RoomSummary } from './records.js';
import { capturesById, roomCaptures } from './captures-read.js';
import { roomSummaries } from './room-summaries.js';
import { ENTRY_COLUMNS, entryRow, ROOM_COLUMNS, roomRow, type EntryRow } from './rows.js';
import { checkStore, verifyArchive, type StoreChecks } from './verify.js';
import type { VerifyProgress, VerifyReport } from './verify-types.js';

/** A capture's stored list must give the root and count the capture states (its log entry's). */
function checkList(captureId: string, row: { h: Buffer; root: string; n: number }): void {
  const size = row.h.length / 32;
  const root = Number.isInteger(size) ? listRootHex(row.h) : 'a list of whole 32-byte hashes';
  if (root === row.root && size === row.n) return;
  throw new IntegrityError(
    msg('integrity.list-changed', { capture: captureId, expected: `root ${row.root} over ${row.n} messages`, actual: `root ${root} over ${size} messages` }),
    {
      where: `captures row ${captureId}, its message list (its capture_list_roots row and the list_nodes under it)`,
      hint: msg('hint.run-verify'),
    },
  );
}

function checkMessage(captureId: string, hash: string, key: string, bytes: Buffer): void {
  const actual = taggedHashOfBytes(MESSAGE_TAG, bytes);
  if (actual === key) return;
  throw new IntegrityError(msg('integrity.message-changed', { hash, capture: captureId, actual: Buffer.from(actual, 'latin1').toString('hex') }), {
    where: `messages row ${hash}`,
    hint: msg('hint.run-verify'),
  });
}

/** An entry to append, its payload built by its kind's module in src/core/entries, with the blobs it lists. */
export type NewEntry = NewPayload & {
  readonly roomId: string | null;
  readonly blobs: readonly Uint8Array[];
};

/** The archive, reached only through this module (docs/design/layout.md): reads here, writes through append/capture-write. */
export class Archive {
  private constructor(
    readonly path: string,
    readonly sqlite: Database.Database,
    private readonly busyTimeoutMs: number,
  ) {}

  static open(path: string, options: OpenOptions = {}): Archive {
    return new Archive(path, openArchiveDb(path, options).sqlite, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  }

  close(): void {
    if (this.sqlite.open) this.sqlite.close();
  }

  /** Runs a write; SQLite errors become ArchiveErrors a person can act on. */
  private write<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw asArchiveError(e, this.path);
    }
  }

  rooms(): RoomRecord[] {
    return this.sqlite.prepare(`SELECT ${ROOM_COLUMNS} FROM rooms ORDER BY created_seq`).all().map(roomRow);
  }

  roomSummaries(): RoomSummary[] {
    return roomSummaries(this.sqlite);
  }

  roomByExternalId(source: Source, externalId: string): RoomRecord | undefined {
    const r = this.sqlite
      .prepare(`SELECT ${ROOM_COLUMNS} FROM rooms WHERE source = ? AND external_id = ? ORDER BY created_seq LIMIT 1`)
      .get(source, externalId);
    return r === undefined ? undefined : roomRow(r);
  }

  /** The room's captures in the order its history follows: by "as of" time, ties in log order (captureAsOf). */
  captures(roomId: string): CaptureRecord[] {
    return roomCaptures(this.sqlite, roomId);
  }

  capture(id: string): CaptureRecord {
    const rows = capturesById(this.sqlite, id);
    const exact = rows.find((r) => r.id === id);
    if (exact) return exact;
    if (rows.length === 1 && id.length >= 6) return rows[0]!;
    throw new ArchiveError(rows.length > 1 ? msg('archive.capture-ambiguous', { id }) : msg('archive.no-capture', { id }), {
      hint: msg('archive.no-capture.hint'),
    });
  }

  /**
   * The capture's messages in capture order. `seen`: messages already read by this command, by
   * hash. Captures of one room share nearly all their messages, so a caller reading several (a
   * room's view, a diff) passes one map and each message is read and parsed once, and held once
   * (docs/performance.md fix 6: `show` of a 200k room read 600k rows for 200k messages).
   *
   * Read as stored, for views a person looks at (`show`, `diff`), which `verify` checks; what is
   * handed on as evidence is read with `checkedCaptureMessages`.
   */
  captureMessages(captureId: string, seen?: Map<string, HashedMessage>): HashedMessage[] {
    return this.readMessages(captureId, false, seen);
  }

  /**
   * The capture's messages for a report: the stored list must give the capture's Merkle root and
   * count, and each message must hash to its key; a mismatch is an IntegrityError. Checking every
   * read made `show` of a 200k room ~40 % slower, so the views above do without.
   */
  checkedCaptureMessages(captureId: string): HashedMessage[] {
    return this.readMessages(captureId, true);
  }

  private readMessages(captureId: string, check: boolean, seen?: Map<string, HashedMessage>): HashedMessage[] {
    const head = this.sqlite.prepare('SELECT merkle_root AS root, message_count AS n FROM captures WHERE id = ?').get(captureId) as
      | { root: string; n: number }
      | undefined;
    if (!head) throw new ArchiveError(msg('archive.no-capture', { id: captureId }), { hint: msg('archive.no-capture.hint') });
    const row = { ...head, h: readList(this.sqlite, captureId) };
    if (check) checkList(captureId, row);
    const get = this.sqlite.prepare(`SELECT ${FORM_READ} FROM messages WHERE hash = ?`).raw();
    const out: HashedMessage[] = [];
    for (let i = 0; i < row.h.length; i += 32) {
      const hash = row.h.toString('hex', i, i + 32);
      const known = seen?.get(hash);
      if (known !== undefined) {
        out.push(known);
        continue;
      }
      const stored = get.get(row.h.subarray(i, i + 32)) as unknown[] | undefined;
      if (stored === undefined) throw new ArchiveError(msg('archive.message-missing', { hash, capture: captureId }), { hint: msg('hint.run-verify') });
      if (check)
        checkMessage(captureId, hash, row.h.toString('latin1', i, i + 32), Buffer.isBuffer(stored[7]) ? stored[7] : Buffer.from(formText(stored, 0), 'utf8'));
      const message = withHash(messageOfRow(stored, 0), hash);
      seen?.set(hash, message);
      out.push(message);
    }
    return out;
  }

  /**
   * Messages by hash (hex), read as stored, as `captureMessages` reads them, for the kept room
   * state (src/store/room-state/), whose rows read back their messages' hashes. `seen` as there. `checkedRoom`
   * (a report reading the state, src/report/from-state.ts): each message is re-hashed against
   * its key as `checkedCaptureMessages` does, an IntegrityError naming that room.
   */
  messageReader(seen: Map<string, HashedMessage> | null = new Map(), checkedRoom?: string): (hash: string) => HashedMessage {
    const get = this.sqlite.prepare(`SELECT ${FORM_READ} FROM messages WHERE hash = ?`).raw();
    return (hash) => {
      const known = seen?.get(hash);
      if (known !== undefined) return known;
      const key = Buffer.from(hash, 'hex');
      const stored = get.get(key) as unknown[] | undefined;
      if (stored === undefined) throw new ArchiveError(msg('archive.state-message-missing', { hash }), { hint: msg('hint.run-verify') });
      if (checkedRoom !== undefined) {
        const actual = taggedHashOfBytes(MESSAGE_TAG, Buffer.isBuffer(stored[7]) ? stored[7] : Buffer.from(formText(stored, 0), 'utf8'));
        if (actual !== key.toString('latin1'))
          throw new IntegrityError(msg('integrity.state-message-changed', { hash, room: checkedRoom, actual: Buffer.from(actual, 'latin1').toString('hex') }), {
            where: `messages row ${hash}`,
            hint: msg('hint.run-verify'),
          });
      }
      const message = withHash(messageOfRow(stored, 0), hash);
      seen?.set(hash, message);
      return message;
    };
  }

  /**
   * An original's bytes, each chunk and the whole re-hashed on the way out (IntegrityError when
   * damaged); `chunkHashes: false` leaves the chunks to the whole's hash (`verify` re-hashed them).
   */
  blob(sha256: string, options?: { readonly chunkHashes?: boolean }): Buffer {
    return readOriginal(this.sqlite, sha256, options);
  }

  /** The size an original's row states, 0 where there is none. */
  blobSize(sha256: string): number {
    return originalSize(this.sqlite, sha256);
  }

  hasBlob(sha256: string): boolean {
    return hasOriginal(this.sqlite, sha256);
  }

  entries(roomId?: string): EntryRecord[] {
    const rows =
      roomId === undefined
        ? this.sqlite.prepare(`SELECT ${ENTRY_COLUMNS} FROM log ORDER BY seq`).all()
        : this.sqlite.prepare(`SELECT ${ENTRY_COLUMNS} FROM log WHERE room_id = ? ORDER BY seq`).all(roomId);
    return (rows as EntryRow[]).map(entryRow);
  }

  entry(seq: number): EntryRecord | undefined {
    const r = this.sqlite.prepare(`SELECT ${ENTRY_COLUMNS} FROM log WHERE seq = ?`).get(seq) as EntryRow | undefined;
    return r ? entryRow(r) : undefined;
  }

  head(): { seq: number; hash: string } | null {
    return (this.sqlite.prepare('SELECT seq, hash FROM log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;
  }

  recordCapture(input: NewCapture, progress?: CaptureProgress): RecordedCapture {
    return this.write(() => recordCapture(this.sqlite, input, progress));
  }

  /**
   * recordCapture for a command that can wait: from THREAD_FROM messages the inserts run in a
   * writer thread while this one encodes and hashes (capture-thread.ts); the same rows land.
   */
  async recordCaptureAsync(input: NewCapture, progress?: CaptureProgress): Promise<RecordedCapture> {
    if (messageBound(input.messages) < THREAD_FROM) return this.recordCapture(input, progress);
    try {
      return await WriterThread.start().record({ path: this.path, busyTimeoutMs: this.busyTimeoutMs }, input, progress, keptIn(this.sqlite));
    } catch (e) {
      throw asArchiveError(e, this.path);
    }
  }

  /** One entry (note, observation, report, timestamp, attachment), with the blobs it refers to, atomically. */
  append<K extends EntryKind>(kind: K, roomId: string | null, payload: PayloadByKind[K], blobs: readonly Uint8Array[] = []): EntryRecord {
    return this.appendAll([{ kind, roomId, payload, blobs } as NewEntry])[0]!;
  }

  /** Several entries, each with its blobs, in one transaction: all land, consecutively and in order, or none (attach FILE…). */
  appendAll(entries: readonly NewEntry[]): EntryRecord[] {
    return this.write(() =>
      this.sqlite
        .transaction(() =>
          entries.map((e) => {
            for (const b of e.blobs) putBlob(this.sqlite, b);
            return appendEntry<EntryKind>(this.sqlite, e.kind, e.roomId, e.payload);
          }),
        )
        .immediate(),
    );
  }

  /** `chatproof verify`: every hash and link recomputed from the stored bytes. */
  verify(progress?: VerifyProgress): VerifyReport {
    return verifyArchive(this.sqlite, progress);
  }

  /** `verify`'s reads now, its lists checked by `finish` with the roots the caller has worked out since (store/verify.ts). */
  checkStore(progress?: VerifyProgress): StoreChecks {
    return checkStore(this.sqlite, { progress, rootsThread: false });
  }

  /**
   * A consistent copy while the archive may be in use (SQLite online backup API), written beside
   * the target under a temp name, checked, and renamed into place: the target is only ever the
   * old file or a complete copy, whenever the process is killed. Check the target with guardOutput first.
   */
  async backup(target: string, options: { mode?: number; signal?: AbortSignal } = {}): Promise<void> {
    await backupArchive(this.sqlite, target, options);
  }
}
