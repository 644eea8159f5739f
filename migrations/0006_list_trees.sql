-- The lists of pieces are kept as content-defined trees too (issue 21, src/store/lists/tree.ts,
-- docs/hashing.md §1): a capture's message list and an original's chunk list are each cut into
-- pieces where a hash's first byte is below 8, the pieces' hashes cut likewise, level by level, each
-- node once in `list_nodes`; the owner's row keeps only the top level. A daily capture then stores
-- the pieces around its new end and a root, not one row per piece (`blob_chunks`, `capture_lists`).
-- The Merkle roots, the originals' SHA-256, the log and every hash are unchanged. The lists are
-- moved by chatproof, between the statements below (src/store/migrate.ts), inside the one
-- transaction every migration runs in: a crash leaves the old layout or the new one. The old
-- pieces are dropped with their tables, so none lingers.
CREATE TABLE `blob_chunk_roots` (
	`blob_sha256` text PRIMARY KEY NOT NULL,
	`levels` integer NOT NULL,
	`root` blob NOT NULL,
	FOREIGN KEY (`blob_sha256`) REFERENCES `blobs`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `capture_list_roots` (
	`capture_id` text PRIMARY KEY NOT NULL,
	`levels` integer NOT NULL,
	`root` blob NOT NULL,
	FOREIGN KEY (`capture_id`) REFERENCES `captures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `list_nodes` (
	`hash` blob PRIMARY KEY NOT NULL,
	`data` blob NOT NULL
);
--> statement-breakpoint
SELECT 'chatproof:list-trees';
--> statement-breakpoint
-- A migrator that did not run the step above (drizzle-kit's own) stops here, with an error
-- (json() of text that is not JSON), before the next statements drop the pieces.
SELECT CASE WHEN EXISTS (SELECT 1 FROM `captures` c WHERE NOT EXISTS (SELECT 1 FROM `capture_list_roots` r WHERE r.`capture_id` = c.`id`)) OR EXISTS (SELECT 1 FROM `blobs` b WHERE NOT EXISTS (SELECT 1 FROM `blob_chunk_roots` r WHERE r.`blob_sha256` = b.`sha256`)) THEN json('lists not moved to trees: open this archive with chatproof to upgrade it') END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `blob_chunks_no_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `blob_chunks_no_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `capture_lists_no_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `capture_lists_no_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `list_chunks_no_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `list_chunks_no_delete`;
--> statement-breakpoint
DROP TABLE `blob_chunks`;
--> statement-breakpoint
DROP TABLE `capture_lists`;
--> statement-breakpoint
DROP TABLE `list_chunks`;
--> statement-breakpoint
CREATE TRIGGER `list_nodes_no_update` BEFORE UPDATE ON `list_nodes`
BEGIN SELECT RAISE(ABORT, 'list_nodes is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `list_nodes_no_delete` BEFORE DELETE ON `list_nodes`
BEGIN SELECT RAISE(ABORT, 'list_nodes is append-only: DELETE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `capture_list_roots_no_update` BEFORE UPDATE ON `capture_list_roots`
BEGIN SELECT RAISE(ABORT, 'capture_list_roots is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `capture_list_roots_no_delete` BEFORE DELETE ON `capture_list_roots`
BEGIN SELECT RAISE(ABORT, 'capture_list_roots is append-only: DELETE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `blob_chunk_roots_no_update` BEFORE UPDATE ON `blob_chunk_roots`
BEGIN SELECT RAISE(ABORT, 'blob_chunk_roots is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `blob_chunk_roots_no_delete` BEFORE DELETE ON `blob_chunk_roots`
BEGIN SELECT RAISE(ABORT, 'blob_chunk_roots is append-only: DELETE forbidden'); END;
