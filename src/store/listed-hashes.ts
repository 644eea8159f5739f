/**
 * The hashes the captures' lists name, indexed so that `verify`'s pass over the message rows can
 * mark each one a row stores, and each capture can then be told which of its listed messages no
 * row holds. It replaced a Set of every stored key: ~110 bytes a message, 110 MB of a 1M verify's
 * heap, where this takes ~10 bytes a distinct listed hash, off the heap, and reads the 32-byte
 * hashes where the lists already hold them (docs/performance.md).
 */
export class ListedHashes {
  /** Open addressing: a slot holds 1 + the number of the first listed entry with that hash (0: empty). */
  private readonly slots: Int32Array;
  /** Per slot: a row with that key (or, for a damaged row, that content) was seen. */
  private readonly seen: Uint8Array;
  /** Each list as 32-bit words (a hash is eight), read in this platform's order, as `probe` is. */
  private readonly words: Int32Array[];
  /** Where each list's entries start in the numbering of all lists' entries. */
  private readonly starts: number[] = [];
  private readonly mask: number;
  private readonly total: number;
  private readonly probe = new Int32Array(8);
  private readonly probeBytes = Buffer.from(this.probe.buffer);

  /** `lists`: lists of whole 32-byte hashes. */
  constructor(lists: readonly Buffer[]) {
    this.words = lists.map(wordsOf);
    let total = 0;
    for (const l of lists) {
      this.starts.push(total);
      total += l.length / 32;
    }
    this.total = total;
    let size = 16;
    while (size < total * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.seen = new Uint8Array(size);
    this.mask = size - 1;
    this.words.forEach((words, n) => {
      for (let at = 0; at < words.length; at += 8) {
        const slot = this.slotOf(words, at);
        if (this.slots[slot] === 0) this.slots[slot] = this.starts[n]! + at / 8 + 1;
      }
    });
  }

  /**
   * A message row was found with this key (lower-case hex). Gives the number of the first listed
   * entry with that hash (what `entryAt` gives for any entry with it), or -1 when no list names it.
   */
  see(keyHex: string): number {
    if (keyHex.length !== 64) return -1;
    this.probeBytes.write(keyHex, 'hex');
    const slot = this.slotOf(this.probe, 0);
    if (this.slots[slot] === 0) return -1;
    this.seen[slot] = 1;
    return this.slots[slot]! - 1;
  }

  /** The number of the first listed entry with the hash at byte `at` of `list`, or -1 when none has it. */
  entryAt(list: Buffer, at: number): number {
    list.copy(this.probeBytes, 0, at, at + 32);
    return this.slots[this.slotOf(this.probe, 0)]! - 1;
  }

  /** Listed entries in all: `see` and `entryAt` number them from 0. */
  get size(): number {
    return this.total;
  }

  /** Whether a row was seen for the hash at byte `at` of `list` (any list of hashes). */
  seenAt(list: Buffer, at: number): boolean {
    list.copy(this.probeBytes, 0, at, at + 32);
    return this.seen[this.slotOf(this.probe, 0)] === 1;
  }

  /** The slot holding the hash at word `at` of `words`, or the empty slot where it would go. */
  private slotOf(words: Int32Array, at: number): number {
    // SHA-256 hashes are uniform, so their first word spreads them; a forged key only costs probes.
    let slot = words[at]! & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) return slot;
      const [list, offset] = this.locate(entry - 1);
      if (equal8(words, at, list, offset)) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private locate(entry: number): [Int32Array, number] {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= entry) lo = mid;
      else hi = mid - 1;
    }
    return [this.words[lo]!, (entry - this.starts[lo]!) * 8];
  }
}

/** The list's bytes as words: a view where they are aligned (the lists verify joins are), else a copy. */
function wordsOf(list: Buffer): Int32Array {
  if (list.byteOffset % 4 === 0) return new Int32Array(list.buffer, list.byteOffset, list.length / 4);
  const copy = new Int32Array(list.length / 4);
  Buffer.from(copy.buffer).set(list);
  return copy;
}

function equal8(a: Int32Array, i: number, b: Int32Array, j: number): boolean {
  for (let k = 0; k < 8; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}
