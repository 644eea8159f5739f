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
  /** Where each list's entries start in the numbering of all lists' entries. */
  private readonly starts: number[] = [];
  private readonly mask: number;
  private readonly probe = Buffer.alloc(32);

  /** `lists`: lists of whole 32-byte hashes. */
  constructor(private readonly lists: readonly Buffer[]) {
    let total = 0;
    for (const l of lists) {
      this.starts.push(total);
      total += l.length / 32;
    }
    let size = 16;
    while (size < total * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.seen = new Uint8Array(size);
    this.mask = size - 1;
    lists.forEach((list, n) => {
      for (let at = 0; at < list.length; at += 32) {
        const slot = this.slotOf(list, at);
        if (this.slots[slot] === 0) this.slots[slot] = this.starts[n]! + at / 32 + 1;
      }
    });
  }

  /** A message row was found with this key (lower-case hex). */
  see(keyHex: string): void {
    if (keyHex.length !== 64) return;
    this.probe.write(keyHex, 'hex');
    const slot = this.slotOf(this.probe, 0);
    if (this.slots[slot] !== 0) this.seen[slot] = 1;
  }

  /** Whether a row was seen for the hash at `at` of `list` (one of the lists given). */
  seenAt(list: Buffer, at: number): boolean {
    return this.seen[this.slotOf(list, at)] === 1;
  }

  /** The slot holding the hash at `at` of `bytes`, or the empty slot where it would go. */
  private slotOf(bytes: Buffer, at: number): number {
    // SHA-256 hashes are uniform, so their first four bytes spread them; a forged key only costs probes.
    let slot = bytes.readUInt32LE(at) & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) return slot;
      const [list, offset] = this.locate(entry - 1);
      if (equal32(bytes, at, list, offset)) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private locate(entry: number): [Buffer, number] {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= entry) lo = mid;
      else hi = mid - 1;
    }
    return [this.lists[lo]!, (entry - this.starts[lo]!) * 32];
  }
}

/** Whether the 32 bytes at `i` of `a` and at `j` of `b` are equal: eight word reads, which V8 inlines, where Buffer#compare with offsets was a native call per probe (~20 % of the message pass). */
function equal32(a: Buffer, i: number, b: Buffer, j: number): boolean {
  for (let k = 0; k < 32; k += 4) if (a.readInt32LE(i + k) !== b.readInt32LE(j + k)) return false;
  return true;
}
