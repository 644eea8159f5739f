-- A capture's message-hash list is kept as pieces cut where a hash's first byte is zero, each piece
-- once across captures (issue 21, src/store/lists/hash-lists.ts): a daily capture of a growing room
-- adds its new entries, not the whole list again. The Merkle roots, the log and every hash are
-- unchanged. The lists are cut by chatproof, between the statements below (src/store/migrate.ts),
-- inside the one transaction every migration runs in: a crash leaves the old layout or the new one.
DROP TRIGGER IF EXISTS `captures_no_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `captures_no_delete`;
--> statement-breakpoint
CREATE TABLE `list_chunks` (
	`hash` blob PRIMARY KEY NOT NULL,
	`data` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `capture_lists` (
	`capture_id` text NOT NULL,
	`seq` integer NOT NULL,
	`chunk_hash` blob NOT NULL,
	PRIMARY KEY(`capture_id`, `seq`),
	FOREIGN KEY (`capture_id`) REFERENCES `captures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chunk_hash`) REFERENCES `list_chunks`(`hash`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
SELECT 'chatproof:chunk-lists';
--> statement-breakpoint
-- A migrator that did not run the step above (drizzle-kit's own) stops here, with an error
-- (json() of text that is not JSON), before the next statement drops the lists.
SELECT CASE WHEN EXISTS (SELECT 1 FROM `captures` c WHERE length(c.`message_hashes`) > 0 AND NOT EXISTS (SELECT 1 FROM `capture_lists` l WHERE l.`capture_id` = c.`id`)) THEN json('message lists not cut: open this archive with chatproof to upgrade it') END;
--> statement-breakpoint
ALTER TABLE `captures` DROP COLUMN `message_hashes`;
--> statement-breakpoint
CREATE TRIGGER `captures_no_update` BEFORE UPDATE ON `captures`
BEGIN SELECT RAISE(ABORT, 'captures is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `captures_no_delete` BEFORE DELETE ON `captures`
BEGIN SELECT RAISE(ABORT, 'captures is append-only: DELETE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `list_chunks_no_update` BEFORE UPDATE ON `list_chunks`
BEGIN SELECT RAISE(ABORT, 'list_chunks is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `list_chunks_no_delete` BEFORE DELETE ON `list_chunks`
BEGIN SELECT RAISE(ABORT, 'list_chunks is append-only: DELETE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `capture_lists_no_update` BEFORE UPDATE ON `capture_lists`
BEGIN SELECT RAISE(ABORT, 'capture_lists is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `capture_lists_no_delete` BEFORE DELETE ON `capture_lists`
BEGIN SELECT RAISE(ABORT, 'capture_lists is append-only: DELETE forbidden'); END;
