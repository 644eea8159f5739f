import { blob, customType, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A column of no declared type but BLOB (SQLite's "BLOB" affinity: values are kept as bound, never
 * converted): a message's field is text, or an integer standing for it, row by row (src/store/message-forms.ts).
 */
const field = customType<{ data: string | number | Buffer }>({ dataType: () => 'blob' });

/**
 * The archive (docs/design/evidence-model.md). The `log` is the source of truth: every row of `rooms` and
 * `captures` restates a log entry's payload, so `verify` can recompute or compare every column.
 * Every table is append-only (triggers in migrations/0001_append_only.sql).
 */

/**
 * Originals, content-addressed (docs/design/evidence-model.md P1) by the SHA-256 of their whole bytes, kept as an ordered list
 * of chunks (`blob_chunk_roots`) cut by `chunker` (src/core/chunking/fastcdc.ts), since migration 0003.
 */
export const blobs = sqliteTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  chunker: text('chunker').notNull(),
});

/**
 * Chunks of originals, each stored once across originals and rooms: keyed by the 32 bytes of the
 * SHA-256 of the chunk's own bytes, `size` of them; `data` is zlib-deflated unless that saved
 * nothing, which `length(data) = size` tells (the sqlar convention, src/store/blobs/chunk-store.ts).
 */
export const chunks = sqliteTable('chunks', {
  hash: blob('hash', { mode: 'buffer' }).primaryKey(),
  size: integer('size').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
});

/**
 * An original's chunk hashes in order, kept as a content-defined tree (src/store/lists/tree.ts,
 * since migration 0006): its nodes in `list_nodes`, its top level here, `levels` above the chunks.
 */
export const blobChunkRoots = sqliteTable('blob_chunk_roots', {
  blobSha256: text('blob_sha256')
    .primaryKey()
    .references(() => blobs.sha256),
  levels: integer('levels').notNull(),
  root: blob('root', { mode: 'buffer' }).notNull(),
});

export const rooms = sqliteTable('rooms', {
  id: text('id').primaryKey(),
  source: text('source').notNull(),
  externalId: text('external_id'),
  title: text('title').notNull(),
  createdSeq: integer('created_seq').notNull(),
});

/**
 * Canonical messages (docs/design/evidence-model.md P2), shared by every capture that holds them: the 32 bytes of the message
 * hash, and the message's fields, from which its canonical form is re-made byte for byte
 * (src/store/message-forms.ts, migration 0005): `kind` as a number, the times as one integer each
 * where that gives them back exactly. A form that would not come back is kept as its exact UTF-8
 * bytes in `canonical_json`, the fields NULL.
 */
export const messages = sqliteTable('messages', {
  hash: blob('hash', { mode: 'buffer' }).primaryKey(),
  kind: field('kind'),
  sender: field('sender'),
  senderId: field('sender_id'),
  sentAt: field('sent_at'),
  body: field('body'),
  externalId: field('external_id'),
  editedAt: field('edited_at'),
  canonicalJson: blob('canonical_json', { mode: 'buffer' }),
});

export const captures = sqliteTable(
  'captures',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id),
    entrySeq: integer('entry_seq').notNull(),
    blobSha256: text('blob_sha256')
      .notNull()
      .references(() => blobs.sha256),
    format: text('format').notNull(),
    variant: text('variant').notNull(),
    parserVersion: text('parser_version').notNull(),
    tz: text('tz').notNull(),
    coverageKind: text('coverage_kind').notNull(),
    coverageFrom: text('coverage_from'),
    coverageTo: text('coverage_to'),
    messageCount: integer('message_count').notNull(),
    merkleRoot: text('merkle_root').notNull(),
    capturedAt: text('captured_at').notNull(),
  },
  (t) => [index('captures_room').on(t.roomId, t.entrySeq)],
);

/**
 * The nodes of every list of hashes the archive keeps as a tree — captures' message lists and
 * originals' chunk lists — each stored once, keyed by the SHA-256 of its bytes: a list is cut where
 * a hash's first byte is below 8, and each level of piece hashes likewise (src/store/lists/tree.ts),
 * so a capture that shares most of its list with an earlier one adds about its new entries
 * (migration 0006; pieces of message lists alone, one row per piece per capture, since 0004).
 */
export const listNodes = sqliteTable('list_nodes', {
  hash: blob('hash', { mode: 'buffer' }).primaryKey(),
  data: blob('data', { mode: 'buffer' }).notNull(),
});

/** A capture's message list: the top level of its tree, `levels` above the messages; the Merkle root covers the whole list. */
export const captureListRoots = sqliteTable('capture_list_roots', {
  captureId: text('capture_id')
    .primaryKey()
    .references(() => captures.id),
  levels: integer('levels').notNull(),
  root: blob('root', { mode: 'buffer' }).notNull(),
});

/** The hash-chained log (docs/design/evidence-model.md P4). `payload` is the JCS text the entry hash commits to. */
export const log = sqliteTable(
  'log',
  {
    seq: integer('seq').primaryKey(),
    kind: text('kind').notNull(),
    at: text('at').notNull(),
    roomId: text('room_id'),
    payload: text('payload').notNull(),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull(),
  },
  (t) => [index('log_room').on(t.roomId, t.seq)],
);
