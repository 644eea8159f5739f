-- Originals are kept as content-defined chunks (issue 21, src/store/blobs/): each chunk once across
-- originals and rooms, compressed, under the SHA-256 of its own bytes. An original keeps its key,
-- the SHA-256 of its whole bytes, and its size; what it is made of moves to `blob_chunks`. The
-- chunks are cut by chatproof itself, between the statements below (src/store/migrate.ts runs the
-- step the SELECT names), inside the one transaction every migration runs in: a crash leaves the
-- old layout or the new one, never half of each. Log entries and every hash stay as they were.
DROP TRIGGER IF EXISTS `blobs_no_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `blobs_no_delete`;
--> statement-breakpoint
CREATE TABLE `chunks` (
	`hash` blob PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`data` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `blob_chunks` (
	`blob_sha256` text NOT NULL,
	`seq` integer NOT NULL,
	`chunk_hash` blob NOT NULL,
	PRIMARY KEY(`blob_sha256`, `seq`),
	FOREIGN KEY (`blob_sha256`) REFERENCES `blobs`(`sha256`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chunk_hash`) REFERENCES `chunks`(`hash`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `blobs` ADD `chunker` text NOT NULL DEFAULT '';
--> statement-breakpoint
SELECT 'chatproof:chunk-originals';
--> statement-breakpoint
-- A migrator that did not run the step above (drizzle-kit's own) stops here, with an error
-- (json() of text that is not JSON), before the next statement drops the bytes.
SELECT CASE WHEN EXISTS (SELECT 1 FROM `blobs` WHERE `chunker` = '') THEN json('originals not chunked: open this archive with chatproof to upgrade it') END;
--> statement-breakpoint
ALTER TABLE `blobs` DROP COLUMN `bytes`;
--> statement-breakpoint
CREATE TRIGGER `blobs_no_update` BEFORE UPDATE ON `blobs`
BEGIN SELECT RAISE(ABORT, 'blobs is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `blobs_no_delete` BEFORE DELETE ON `blobs`
BEGIN SELECT RAISE(ABORT, 'blobs is append-only: DELETE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `chunks_no_update` BEFORE UPDATE ON `chunks`
BEGIN SELECT RAISE(ABORT, 'chunks is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `chunks_no_delete` BEFORE DELETE ON `chunks`
BEGIN SELECT RAISE(ABORT, 'chunks is append-only: DELETE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `blob_chunks_no_update` BEFORE UPDATE ON `blob_chunks`
BEGIN SELECT RAISE(ABORT, 'blob_chunks is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `blob_chunks_no_delete` BEFORE DELETE ON `blob_chunks`
BEGIN SELECT RAISE(ABORT, 'blob_chunks is append-only: DELETE forbidden'); END;
