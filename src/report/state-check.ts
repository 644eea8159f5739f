import { coverageBounds, isCovered, type CoverageBounds } from '../core/diff/coverage.js';
import type { ViewMessage } from '../core/diff/index.js';
import { instantOf } from '../core/diff/instant.js';
import { isDeletionMark, removalStatus } from '../core/diff/removal.js';
import { IntegrityError } from '../core/errors.js';
import type { HashedMessage } from '../core/types.js';
import { msg, type Phrase } from '../i18n/message.js';
import type { CaptureRecord } from '../store/records.js';

/** Where one hash (binary, 32 characters) of the shown messages is listed: first and last capture, and whether twice anywhere. */
interface Seen {
  first: number;
  last: number;
  /** Listed twice in one capture, or named by two shown messages: its sightings cannot tell the messages apart. */
  twin: boolean;
  /** The capture whose list it was last found in, to tell a second listing in the same one. */
  at: number;
}

/**
 * What a report read from the kept room state (from-state.ts) takes from it, checked against the
 * captures' stored lists, each read once (`scan`, in "as of" order), before anything is written:
 *
 * - every version and last sighting the report attributes to a capture is in that capture's list
 *   (it gets its audit path from there);
 * - no capture before a message's first sighting, or after its last, lists any of its versions;
 * - its status is what the fold gives from those sightings and the captures' windows
 *   (core/diff/view.ts, classify.ts): a later capture whose window surely holds the message,
 *   and which does not list it, makes it deleted as of the first such capture; a status kept
 *   from its last sighting is the one that sighting gives;
 * - between the first and last place where the newest capture lists a shown message, and just
 *   outside them, it lists no message of the range that the report leaves out (every message of
 *   the newest capture is some message's last sighting; an older capture's may have been
 *   superseded by a version the state no longer names, a new display name for one).
 *
 * A message whose hash is listed twice (a text repeated verbatim in one minute) is held to the
 * first check only: its sightings cannot say which of the twins they are. `verify` compares the
 * whole state with a fold of every capture (src/store/verify-state.ts).
 */
export class StateCheck {
  private readonly seen = new Map<string, Seen>();
  /**
   * The first 30 bits of each hash in `seen`: a list's million hashes are tested against these
   * numbers (small integers, nothing made per hash), and only the few that match are made into
   * the string `seen` is keyed by. Making a string of every hash grew V8's young generation by
   * ~100 MB on a 1M list.
   */
  private readonly prefixes = new Set<number>();
  private readonly bounds: CoverageBounds[];
  private readonly place: Map<string, number>;

  constructor(
    private readonly roomId: string,
    private readonly captures: readonly CaptureRecord[],
    private readonly kept: readonly ViewMessage[],
    private readonly inside: (ms: number) => boolean,
    private readonly read: (hash: string) => HashedMessage,
  ) {
    this.bounds = captures.map((c) => coverageBounds(c.coverage));
    this.place = new Map(captures.map((c, n) => [c.id, n]));
    for (const m of kept) {
      const own = new Set([m.hash, ...hashesOf(m)]);
      for (const hash of own) {
        const key = Buffer.from(hash, 'hex').toString('latin1');
        const known = this.seen.get(key);
        if (known === undefined) {
          this.seen.set(key, { first: -1, last: -1, twin: false, at: -1 });
          this.prefixes.add(Buffer.from(key, 'latin1').readUInt32BE(0) >>> 2);
        } else known.twin = true;
      }
    }
  }

  /**
   * Capture `n`'s list, piece by piece, checked as above; gives the first place of each hash (hex) of `sighted` in it, in list
   * order (the leaves the report proves), the list's length, and the first and last place of any
   * hash the shown messages name (-1: none), for `leftOut`.
   */
  scan(n: number, pieces: Iterable<Buffer>, sighted: ReadonlySet<string>): { found: Map<string, number>; size: number; low: number; high: number } {
    const found = new Map<string, number>();
    let low = -1;
    let high = -1;
    let i = 0;
    for (const piece of pieces) {
      for (let at = 0; at + 32 <= piece.length; at += 32, i++) {
        if (!this.prefixes.has(piece.readUInt32BE(at) >>> 2)) continue;
        const key = piece.toString('latin1', at, at + 32);
        const s = this.seen.get(key);
        if (s === undefined) continue;
        if (low === -1) low = i;
        high = i;
        if (s.at === n) s.twin = true;
        s.at = n;
        if (s.first === -1) s.first = n;
        s.last = n;
        const hex = Buffer.from(key, 'latin1').toString('hex');
        if (sighted.has(hex) && !found.has(hex)) found.set(hex, i);
      }
    }
    for (const hash of sighted) if (!found.has(hash)) this.fail(hash, msg('state-check.unlisted', { capture: n + 1 }));
    return { found, size: i, low, high };
  }

  /**
   * The newest capture's list again: from just before the first place of a shown message's hash
   * to just after the last, it must hold no message of the range that no shown message names.
   * Only the newest capture's messages are each some message's last sighting; an older one's may
   * have been superseded by a version the state no longer names (a new display name, say).
   */
  leftOut(n: number, pieces: Iterable<Buffer>, low: number, high: number): void {
    let i = 0;
    for (const piece of pieces) {
      for (let at = 0; at + 32 <= piece.length; at += 32, i++) {
        if (i < low - 1 || i > high + 1) continue;
        const key = piece.toString('latin1', at, at + 32);
        if (this.seen.has(key)) continue;
        const hash = Buffer.from(key, 'latin1').toString('hex');
        if (this.inside(instantOf(this.read(hash).sentAt))) this.fail(hash, msg('state-check.left-out', { capture: n + 1, place: i + 1 }));
      }
      if (i > high + 1) return;
    }
  }

  /** The checks that need every capture's list scanned. */
  finish(): void {
    for (const m of this.kept) this.checkMessage(m);
  }

  private checkMessage(m: ViewMessage): void {
    const n = (id: string): number => this.place.get(id) ?? -1;
    const [first, last, asOf] = [n(m.firstSeen), n(m.lastSeen), n(m.statusAsOf)];
    const of = (hash: string): Seen | undefined => this.seen.get(Buffer.from(hash, 'hex').toString('latin1'));
    const content = of(m.hash);
    if (content === undefined || content.first === -1 || content.first > last || content.last < first)
      this.fail(m.hash, msg('state-check.content', { first: first + 1, last: last + 1 }));
    const own = hashesOf(m).map(of);
    if (own.some((s) => s === undefined || s.twin)) return;
    for (const s of own as Seen[]) {
      if (s.first < first) this.fail(m.hash, msg('state-check.earlier', { capture: s.first + 1, first: first + 1 }));
      if (s.last > last) this.fail(m.hash, msg('state-check.later', { capture: s.last + 1, last: last + 1 }));
    }
    const expected = this.status(m, last);
    const fits = expected.asOf.includes(asOf) && expected.status === m.status;
    if (!fits)
      this.fail(
        m.hash,
        msg('state-check.status', {
          status: m.status,
          asOf: asOf + 1,
          expected: expected.status,
          expectedAsOf: expected.asOf.map((a) => `#${a + 1}`).join(', '),
        }),
      );
  }

  /**
   * The status the fold gives a message last listed by capture `last`, and the captures it may be
   * "as of": one whose window surely holds it and which does not list it makes it deleted; one
   * whose window may hold it (a boundary minute, decided by neighbours the report does not read)
   * may have, first.
   */
  private status(m: ViewMessage, last: number): { status: ViewMessage['status']; asOf: number[] } {
    const kept = { status: statusOf(m.current, m.history.length), asOf: [last] };
    if (isDeletionMark(m.current)) return kept;
    const t = instantOf(m.current.sentAt);
    const maybe: number[] = [];
    for (let j = last + 1; j < this.captures.length; j++) {
      const b = this.bounds[j]!;
      if (isCovered(t, b, { shownBefore: false, shownAfter: false })) return { status: 'deleted', asOf: [...maybe, j] };
      if (isCovered(t, b, { shownBefore: true, shownAfter: true })) maybe.push(j);
    }
    return maybe.length === 0 ? kept : { status: m.status === 'deleted' ? 'deleted' : kept.status, asOf: m.status === 'deleted' ? maybe : [last] };
  }

  private fail(hash: string, detail: Phrase): never {
    throw new IntegrityError(msg('integrity.state-disagrees', { room: this.roomId, hash, detail }), {
      where: `room_state rows of room ${this.roomId}`,
      hint: msg('hint.state-disagrees'),
    });
  }
}

/** The hashes a view message names: its versions and its last sighting. */
function hashesOf(m: ViewMessage): string[] {
  return [...m.history.map((v) => v.hash), m.current.hash];
}

/** core/diff/view.ts `statusOf`, from the last sighting and the number of versions. */
function statusOf(current: HashedMessage, versions: number): ViewMessage['status'] {
  if (current.kind === 'unsent') return removalStatus(current);
  return versions > 1 || current.editedAt !== null ? 'edited' : 'present';
}
