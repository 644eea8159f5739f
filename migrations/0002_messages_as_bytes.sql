-- Messages are keyed by the 32 bytes of their hash and hold the exact UTF-8 bytes of the canonical
-- form that was hashed (issue 8, docs/performance.md): a hex TEXT key and a TEXT form cost every
-- import a hex encoding and two UTF-8 conversions per message, and every verify a decode and a
-- re-encode. The hashes do not change. A key that is not 64 hex digits (a damaged archive) is kept
-- as its own bytes, so `verify` still reports it instead of this migration failing.
DROP TRIGGER IF EXISTS `messages_no_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `messages_no_delete`;
--> statement-breakpoint
CREATE TABLE `messages_as_bytes` (
	`hash` blob PRIMARY KEY NOT NULL,
	`canonical_json` blob NOT NULL
);
--> statement-breakpoint
INSERT INTO `messages_as_bytes` (`hash`, `canonical_json`)
SELECT COALESCE(unhex(`hash`), CAST(`hash` AS BLOB)), CAST(`canonical_json` AS BLOB) FROM `messages` ORDER BY `hash`;
--> statement-breakpoint
DROP TABLE `messages`;
--> statement-breakpoint
ALTER TABLE `messages_as_bytes` RENAME TO `messages`;
--> statement-breakpoint
CREATE TRIGGER `messages_no_update` BEFORE UPDATE ON `messages`
BEGIN SELECT RAISE(ABORT, 'messages is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `messages_no_delete` BEFORE DELETE ON `messages`
BEGIN SELECT RAISE(ABORT, 'messages is append-only: DELETE forbidden'); END;
