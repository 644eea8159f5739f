import type { HashedMessage, Message } from '../core/types.js';
import type { CaptureRecord, EntryRecord, RoomRecord } from '../store/records.js';

/**
 * The version of every `--json` document (docs/json.md, docs/schema/): it goes up when a key is
 * renamed, removed or changes its meaning; adding a key keeps it.
 */
export const JSON_VERSION = 1;

/** A command's `--json` document: its keys after `version`. */
export function jsonDocument(doc: object): Record<string, unknown> {
  return { version: JSON_VERSION, ...doc };
}

/** docs/design/cli-contract.md shapes, in one place so every command prints the same keys. */
export function messageJson(m: HashedMessage | (Message & { hash: string })): Record<string, unknown> {
  return { hash: m.hash, kind: m.kind, sender: m.sender, senderId: m.senderId, sentAt: m.sentAt, body: m.body, externalId: m.externalId, editedAt: m.editedAt };
}

export function roomJson(r: RoomRecord): Record<string, unknown> {
  return { id: r.id, source: r.source, title: r.title, externalId: r.externalId };
}

export function captureJson(c: CaptureRecord): Record<string, unknown> {
  return {
    id: c.id,
    capturedAt: c.capturedAt,
    asOf: c.asOf,
    format: c.format,
    variant: c.variant,
    messages: c.messageCount,
    coverage: c.coverage,
    merkleRoot: c.merkleRoot,
    rawSha256: c.rawSha256,
    ...(c.reparseOf === undefined ? {} : { reparseOf: c.reparseOf }),
    entry: { seq: c.entrySeq },
  };
}

export function entryJson(e: EntryRecord): Record<string, unknown> {
  return { seq: e.seq, kind: e.kind, at: e.at, roomId: e.roomId, payload: e.payload, prevHash: e.prevHash, hash: e.hash };
}
