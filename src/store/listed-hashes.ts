/**
 * The hashes the captures' lists name, indexed so that `verify`'s pass over the message rows can
 * mark each one a row stores, and each capture can then be told which of its listed messages no
 * row holds. It replaced a Set of every stored key: ~110 bytes a message, 110 MB of a 1M verify's
 * heap, where this takes ~10 bytes a distinct listed hash, off the heap (docs/performance.md).
 *
 * Lists are added one at a time (`add`). A list kept in memory anyway is indexed where it lies; of
 * one that is let go only the hashes no earlier list named are copied: a room of daily captures
 * lists the same ~100k hashes every day, and holding every capture's list (and an entry a listed
 * hash) took a year of them to gigabytes.
 */
export class ListedHashes {
  /** Open addressing: a slot holds 1 + the number of the first entry with that hash (0: empty). */
  private slots = new Int32Array(16);
  /** Per slot: a row with that key (or, for a damaged row, that content) was seen. */
  private seen = new Uint8Array(16);
  private mask = 15;
  private used = 0;
  /** The indexed hashes as 32-bit words (a hash is eight), read in this platform's order, as `probe` is: lists kept, or the new hashes of lists let go. */
  private readonly words: Int32Array[] = [];
  /** Where each of `words` starts in the numbering of all entries. */
  private readonly starts: number[] = [];
  private total = 0;
  private readonly probe = new Int32Array(8);
  private readonly probeBytes = Buffer.from(this.probe.buffer);

  /** `lists`: lists of whole 32-byte hashes, each indexed where it lies. */
  constructor(lists: readonly Buffer[] = []) {
    for (const list of lists) this.add(list, true);
  }

  /**
   * Indexes a list of whole 32-byte hashes. `kept`: the caller holds the list as long as this
   * index, which then reads its hashes there; else those not indexed yet are copied.
   */
  add(list: Buffer, kept: boolean): void {
    const n = list.length / 32;
    if (kept) {
      this.segment(wordsOf(list));
      for (let i = 0; i < n; i++) this.insert(this.words.at(-1)!, i * 8, this.total - n + i);
      return;
    }
    // The new hashes are copied into a segment as they are met (at most the whole list), then trimmed.
    const copy = new Int32Array(n * 8);
    const start = this.total;
    this.segment(copy);
    this.total = start;
    let count = 0;
    for (let i = 0; i < n; i++) {
      list.copy(this.probeBytes, 0, i * 32, i * 32 + 32);
      if (this.slots[this.slotOf(this.probe, 0)] !== 0) continue;
      copy.set(this.probe, count * 8);
      this.total = start + count + 1;
      this.insert(copy, count * 8, start + count);
      count++;
    }
    this.words[this.words.length - 1] = count === n ? copy : copy.slice(0, count * 8);
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

  /** Entries in all: `see` and `entryAt` number them from 0. */
  get size(): number {
    return this.total;
  }

  /** Whether a row was seen for the hash at byte `at` of `list` (any list of hashes). */
  seenAt(list: Buffer, at: number): boolean {
    list.copy(this.probeBytes, 0, at, at + 32);
    return this.seen[this.slotOf(this.probe, 0)] === 1;
  }

  /** Whether a row was seen for every hash indexed: then no list has a message missing, and none need be read again to say which. */
  allSeen(): boolean {
    for (let s = 0; s < this.slots.length; s++) if (this.slots[s] !== 0 && this.seen[s] !== 1) return false;
    return true;
  }

  private segment(words: Int32Array): void {
    this.words.push(words);
    this.starts.push(this.total);
    this.total += words.length / 8;
  }

  /** Entry `entry`, whose hash is at word `at` of `words`, in its slot unless an earlier entry has its hash. */
  private insert(words: Int32Array, at: number, entry: number): void {
    const slot = this.slotOf(words, at);
    if (this.slots[slot] !== 0) return;
    this.slots[slot] = entry + 1;
    // Kept at most half full, so a probe ends soon.
    if (++this.used * 2 > this.slots.length) this.grow();
  }

  private grow(): void {
    const slots = this.slots;
    const seen = this.seen;
    this.slots = new Int32Array(slots.length * 2);
    this.seen = new Uint8Array(slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let s = 0; s < slots.length; s++) {
      if (slots[s] === 0) continue;
      const [words, at] = this.locate(slots[s]! - 1);
      const slot = this.slotOf(words, at);
      this.slots[slot] = slots[s]!;
      this.seen[slot] = seen[s]!;
    }
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
