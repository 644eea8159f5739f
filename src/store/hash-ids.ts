/**
 * Numbers for hashes: equal hashes get the same number, so the alignment compares numbers, and
 * what is known of a message is kept once per distinct hash. Open addressing over the hashes'
 * first words (SHA-256 spreads them). The hashes themselves are either copied into one growing
 * Buffer, or, for a list the caller holds anyway (`adopt`: the import's new capture), named by
 * their place in it: a million hashes copied were 32 MB more at a re-import's peak.
 */
export class HashIds {
  private keys: Buffer;
  private slots: Int32Array;
  private count = 0;
  /** The list `adopt` numbered, its distinct hashes ids 0 … adoptedCount - 1, each at `where[id]` in it. */
  private adopted: Buffer = Buffer.alloc(0);
  private where: Int32Array = new Int32Array(0);
  private adoptedCount = 0;
  private adopting = false;

  /** `expected`: about how many distinct hashes; `copies`: how many of them will be copied (not adopted). */
  constructor(expected = 1024, copies = expected) {
    let size = 1024;
    while (size < expected * 1.5) size *= 2;
    this.slots = new Int32Array(size);
    // Not zero-filled: its pages are touched only as hashes are copied in (only count × 32 bytes are read).
    this.keys = Buffer.allocUnsafeSlow(Math.max(copies, 16) * 32);
  }

  get size(): number {
    return this.count;
  }

  /**
   * Numbers for every hash of `list`, the first list numbered: its hashes are not copied but read
   * from `list`, which must stay unchanged while these numbers are used. The numbers are those
   * `ids(list)` gives.
   */
  adopt(list: Buffer): Int32Array {
    if (this.count !== 0) throw new Error('HashIds.adopt: only the first list can be adopted');
    const n = list.length / 32;
    const out = new Int32Array(n);
    const where = new Int32Array(n);
    this.adopted = list;
    this.where = where;
    this.adopting = true;
    for (let i = 0; i < n; i++) {
      const at = i * 32;
      const known = this.find(list, at);
      if (known !== -1) {
        out[i] = known;
        continue;
      }
      where[this.count] = i;
      this.adoptedCount = this.count + 1;
      out[i] = this.insert(list, at);
    }
    this.adopting = false;
    this.where = where.slice(0, this.adoptedCount);
    return out;
  }

  /** The number of the 32-byte hash at `at` of `list`, given one if it had none. */
  id(list: Buffer, at: number): number {
    const known = this.find(list, at);
    return known !== -1 ? known : this.insert(list, at);
  }

  /** The hash of number `id`, as 32 bytes (a view: copy it to keep it). */
  bytes(id: number): Buffer {
    if (id < this.adoptedCount) {
      const at = this.where[id]! * 32;
      return this.adopted.subarray(at, at + 32);
    }
    const at = (id - this.adoptedCount) * 32;
    return this.keys.subarray(at, at + 32);
  }

  hex(id: number): string {
    return this.bytes(id).toString('hex');
  }

  /** Numbers for every hash of a list of 32-byte hashes. */
  ids(list: Buffer): Int32Array {
    const out = new Int32Array(list.length / 32);
    for (let i = 0; i < out.length; i++) out[i] = this.id(list, i * 32);
    return out;
  }

  /** Numbers for every hash of a stored list, piece by piece (lists/hash-lists.ts `listPieces`); `count` is how many it should hold. */
  idsOfPieces(pieces: Iterable<Buffer>, count: number): Int32Array {
    let out = new Int32Array(count);
    let i = 0;
    for (const piece of pieces)
      for (let at = 0; at + 32 <= piece.length; at += 32) {
        if (i === out.length) {
          const grown = new Int32Array(out.length * 2 + 16);
          grown.set(out);
          out = grown;
        }
        out[i++] = this.id(piece, at);
      }
    return i === out.length ? out : out.slice(0, i);
  }

  /** The number of the hash at `at` of `list`; -1 when it has none. */
  private find(list: Buffer, at: number): number {
    const mask = this.slots.length - 1;
    for (let slot = list.readUInt32LE(at) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held === 0) return -1;
      const id = held - 1;
      const source = id < this.adoptedCount ? this.adopted : this.keys;
      const start = id < this.adoptedCount ? this.where[id]! * 32 : (id - this.adoptedCount) * 32;
      if (source.compare(list, at, at + 32, start, start + 32) === 0) return id;
    }
  }

  /** A new number for the hash at `at` of `list`; copied unless `adopt` is numbering `list`. */
  private insert(list: Buffer, at: number): number {
    if (!this.adopting) {
      const copied = this.count - this.adoptedCount;
      if (copied * 32 >= this.keys.length) {
        // By half, not double: a second capture adds a few percent to the first's hashes, and
        // doubling the 32 MB of a million would hold twice what is needed.
        const grown = Buffer.allocUnsafeSlow(Math.ceil(this.keys.length / 64) * 96);
        this.keys.copy(grown, 0, 0, copied * 32);
        this.keys = grown;
      }
      list.copy(this.keys, copied * 32, at, at + 32);
    }
    const mask = this.slots.length - 1;
    let slot = list.readUInt32LE(at) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = ++this.count;
    // Kept at most three quarters full: a million hashes in 2M slots (8 MB), not 4M.
    if (this.count * 4 > this.slots.length * 3) this.rehash();
    return this.count - 1;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.bytes(id).readUInt32LE(0) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}
