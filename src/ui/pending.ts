import { randomBytes } from 'node:crypto';

/** An input read and shown to the person, waiting for "store" or "cancel". */
export interface PendingInput {
  readonly bytes: Buffer;
  readonly name: string | null;
  readonly where: string;
  readonly room: string | undefined;
}

export interface PendingLimits<T> {
  /** Most items kept. */
  readonly max: number;
  /** Most total weight kept (bytes, for inputs), with the weight of one item. */
  readonly maxWeight?: number;
  readonly weight?: (item: T) => number;
  /** Told of each item dropped to stay within the limits (a report file to remove). */
  readonly onDrop?: (item: T) => void;
}

/**
 * Items waiting for the page to come back for them, by a random id the page sends. Bounded: the
 * oldest are dropped past the limits, so a page left open with many previews or reports cannot
 * hold the memory (or the disk) of all of them.
 */
export class Pending<T = PendingInput> {
  private readonly items = new Map<string, T>();
  private total = 0;

  constructor(private readonly limits: PendingLimits<T> = { max: 16 }) {}

  add(item: T): string {
    const id = randomBytes(12).toString('base64url');
    this.items.set(id, item);
    this.total += this.limits.weight?.(item) ?? 0;
    while (this.items.size > 1 && (this.items.size > this.limits.max || this.total > (this.limits.maxWeight ?? Infinity))) {
      const [oldest, dropped] = this.items.entries().next().value!;
      this.remove(oldest);
      this.limits.onDrop?.(dropped);
    }
    return id;
  }

  get(id: string): T | undefined {
    return this.items.get(id);
  }

  take(id: string): T | undefined {
    const item = this.items.get(id);
    if (item !== undefined) this.remove(id);
    return item;
  }

  private remove(id: string): void {
    const item = this.items.get(id);
    if (item === undefined) return;
    this.items.delete(id);
    this.total -= this.limits.weight?.(item) ?? 0;
  }
}
