/**
 * The sides of a comparison (core/diff/sides.ts) as hash lists: a million messages cost their
 * 32-byte hashes, a number each, and what the alignment asks of the messages the hashes leave
 * unpaired, read from the archive when asked. `diff`, and an import's comparison with the room's
 * kept state, used to hold every message of both sides as objects with hex-string hashes, and the
 * Maps between them: 1.5–1.9 GiB at 1M messages (docs/performance.md).
 */
import type Database from 'better-sqlite3';
import { compareSides, type BeforeSide, type Change, type ChangeType, type CompareSide } from '../core/diff/index.js';
import { minuteKey } from '../core/diff/instant.js';
import { DELETION_MARKS } from '../core/diff/removal.js';
import { withHash, type HashedMessage } from '../core/types.js';
import type { MessageStatus } from '../core/diff/types.js';
import { ArchiveError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import { listPieces } from './lists/hash-lists.js';
import { HashIds } from './hash-ids.js';
import type { CaptureRecord } from './records.js';
import { FORM_READ, kindValue, messageOfRow, unpackTime } from './message-forms.js';

const KNOWN = 1;
const DELETION_MARK = 2;
const UNSENT = 4;
const EDITED_AT = 8;

/**
 * What `MessageFacts` needs of a row, without making the message: its time as stored, its source
 * id, and flags. A row kept verbatim (`canonical_json`, docs/hashing.md §2) is read whole instead.
 */
export function factColumns(table: string): string {
  return `${table}.sent_at, CAST(${table}.external_id AS TEXT), ${table}.kind IN (${kindValue('unsent')}, 'unsent'),
  CAST(${table}.body AS TEXT) IN (${[...DELETION_MARKS].map((m) => `'${m}'`).join(', ')}), ${table}.edited_at IS NOT NULL, ${table}.canonical_json IS NOT NULL`;
}

const FACTS_READ = `SELECT ${factColumns('m')} FROM messages m WHERE m.hash = ?`;

/**
 * What the alignment asks of a message besides its hash, kept per hash number: its time (for the
 * minute it is grouped in, coverage and the view's order), its source id, whether it is a
 * deletion mark. Filled from messages in hand (`learn`) or read from the archive on first use;
 * whole messages only for `message`, and only those are kept as objects.
 */
export class MessageFacts {
  private instants: Float64Array;
  private flags: Uint8Array;
  /** Rare: only sources with ids (Chatwork) and times that cannot be read have these. */
  private readonly externalIds = new Map<number, string>();
  private readonly unreadTimes = new Map<number, string>();
  private readonly whole = new Map<number, HashedMessage>();
  private readonly get: Database.Statement;
  private readonly getFacts: Database.Statement;

  /** `expected`: about how many distinct hashes will be asked of (room is made for more as needed). */
  constructor(
    sqlite: Database.Database,
    readonly ids: HashIds,
    expected = 1024,
  ) {
    this.instants = new Float64Array(Math.max(16, expected));
    this.flags = new Uint8Array(Math.max(16, expected));
    this.get = sqlite.prepare(`SELECT ${FORM_READ} FROM messages WHERE hash = ?`).raw();
    this.getFacts = sqlite.prepare(FACTS_READ).raw();
  }

  /** Facts of a message in hand, so the archive is not asked for it. */
  learn(id: number, m: Pick<HashedMessage, 'sentAt' | 'externalId' | 'kind' | 'body' | 'editedAt'>): void {
    const unsent = m.kind === 'unsent';
    this.set(
      id,
      m.sentAt,
      m.externalId,
      (unsent ? UNSENT : 0) | (unsent && DELETION_MARKS.has(m.body) ? DELETION_MARK : 0) | (m.editedAt === null ? 0 : EDITED_AT),
    );
  }

  /**
   * The status a message has where it is first seen (core/diff/view.ts `statusOf` with one
   * version): what the kept state records for a message added, without reading it whole.
   */
  firstStatus(id: number): MessageStatus {
    this.known(id);
    const f = this.flags[id]!;
    if ((f & UNSENT) !== 0) return (f & DELETION_MARK) !== 0 ? 'deleted' : 'unsent';
    return (f & EDITED_AT) !== 0 ? 'edited' : 'present';
  }

  private set(id: number, sentAt: string, externalId: string | null, flags: number): void {
    this.room(id);
    if ((this.flags[id]! & KNOWN) !== 0) return;
    const at = Date.parse(sentAt);
    this.instants[id] = at;
    if (Number.isNaN(at)) this.unreadTimes.set(id, sentAt);
    if (externalId !== null) this.externalIds.set(id, externalId);
    this.flags[id] = KNOWN | flags;
  }

  instant(id: number): number {
    this.known(id);
    return this.instants[id]!;
  }

  minute(id: number): number | string {
    const at = this.instant(id);
    return Number.isNaN(at) ? minuteKey(this.unreadTimes.get(id) ?? '') : Math.floor(at / 60_000);
  }

  externalId(id: number): string | null {
    this.known(id);
    return this.externalIds.get(id) ?? null;
  }

  deletionMark(id: number): boolean {
    this.known(id);
    return (this.flags[id]! & DELETION_MARK) !== 0;
  }

  /** The whole message, read once and kept: asked only of the messages that differ. */
  message(id: number): HashedMessage {
    const known = this.whole.get(id);
    if (known !== undefined) return known;
    const message = this.read(id);
    this.whole.set(id, message);
    this.learn(id, message);
    return message;
  }

  private known(id: number): void {
    this.room(id);
    if ((this.flags[id]! & KNOWN) !== 0) return;
    const row = this.getFacts.get(this.ids.bytes(id)) as unknown[] | undefined;
    if (row === undefined || !this.fromColumns(id, row, 0)) this.learn(id, this.read(id));
  }

  /**
   * Facts of message `id` from `factColumns` at `at` of a row the caller read anyway (the kept
   * state's rows join their messages: a million point reads fewer for a re-import). False, and
   * nothing learnt, for a message stored verbatim: it is read whole when asked.
   */
  fromColumns(id: number, row: readonly unknown[], at: number): boolean {
    if (truthy(row[at + 5])) return false;
    const sentAt = row[at];
    const time = typeof sentAt === 'number' || typeof sentAt === 'bigint' ? unpackTime(Number(sentAt)) : String(sentAt);
    const externalId = row[at + 1] as string | null;
    const unsent = truthy(row[at + 2]);
    this.set(id, time, externalId, (unsent ? UNSENT | (truthy(row[at + 3]) ? DELETION_MARK : 0) : 0) | (truthy(row[at + 4]) ? EDITED_AT : 0));
    return true;
  }

  private read(id: number): HashedMessage {
    const stored = this.get.get(this.ids.bytes(id)) as unknown[] | undefined;
    const hash = this.ids.hex(id);
    if (stored === undefined) throw new ArchiveError(msg('archive.state-message-missing', { hash }), { hint: msg('hint.run-verify') });
    return withHash(messageOfRow(stored, 0), hash);
  }

  private room(id: number): void {
    if (id < this.flags.length) return;
    const size = Math.max(id + 1, Math.ceil(this.flags.length * 1.5));
    const instants = new Float64Array(size);
    instants.set(this.instants);
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.instants = instants;
    this.flags = flags;
  }
}

const truthy = (v: unknown): boolean => v === 1 || v === 1n;

/** A capture's messages as a side: the numbers of its hashes, the rest asked of `facts`. */
export function listSide(keys: Int32Array, facts: MessageFacts): CompareSide & { readonly keys: Int32Array } {
  return {
    keys,
    length: keys.length,
    key: (i) => keys[i]!,
    minute: (i) => facts.minute(keys[i]!),
    externalId: (i) => facts.externalId(keys[i]!),
    message: (i) => facts.message(keys[i]!),
  };
}

/** A capture as the earlier side of `diff`: nothing in it is held as deleted already. */
export function captureBeforeSide(keys: Int32Array, facts: MessageFacts): BeforeSide {
  return {
    ...listSide(keys, facts),
    gone: () => false,
    deletionMark: (i) => facts.deletionMark(keys[i]!),
    instant: (i) => facts.instant(keys[i]!),
  };
}

/** Two captures of a room compared (`diff`): the changes `wanted` keeps, the messages of those read whole. */
export function compareStoredCaptures(sqlite: Database.Database, from: CaptureRecord, to: CaptureRecord, wanted: (type: ChangeType) => boolean): Change[] {
  const expected = Math.ceil(Math.max(from.messageCount, to.messageCount) * 1.05);
  const ids = new HashIds(expected);
  const facts = new MessageFacts(sqlite, ids, expected);
  // One list at a time, a piece at a time: only the distinct hashes are kept.
  const beforeKeys = ids.idsOfPieces(listPieces(sqlite, from.id), from.messageCount);
  const afterKeys = ids.idsOfPieces(listPieces(sqlite, to.id), to.messageCount);
  return compareSides(captureBeforeSide(beforeKeys, facts), listSide(afterKeys, facts), to.coverage, wanted);
}
