import { randomBytes } from 'node:crypto';

/** An input read and shown to the person, waiting for "store" or "cancel". */
export interface PendingInput {
  readonly bytes: Buffer;
  readonly name: string | null;
  readonly where: string;
  readonly room: string | undefined;
}

/**
 * Inputs waiting for a confirmation, by a random id the page sends back. Bounded: the oldest is
 * dropped past `max`, so a page left open with many previews cannot hold the memory of all of them.
 */
export class Pending<T = PendingInput> {
  private readonly items = new Map<string, T>();

  constructor(private readonly max = 16) {}

  add(item: T): string {
    const id = randomBytes(12).toString('base64url');
    this.items.set(id, item);
    while (this.items.size > this.max) this.items.delete(this.items.keys().next().value!);
    return id;
  }

  get(id: string): T | undefined {
    return this.items.get(id);
  }

  take(id: string): T | undefined {
    const item = this.items.get(id);
    this.items.delete(id);
    return item;
  }

  entries(): [string, T][] {
    return [...this.items];
  }
}
