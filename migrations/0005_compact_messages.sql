-- A message row holds the message's fields in their smallest form instead of its canonical JSON
-- (issue 21, docs/hashing.md §2, src/store/message-forms.ts): the JSON is re-made from them byte
-- for byte, and a form that would not come back exactly is kept verbatim in `canonical_json`. The
-- keys, the log and every hash are unchanged. The rows are converted by chatproof, between the
-- statements below (src/store/migrate.ts), inside the one transaction every migration runs in: a
-- crash leaves the old layout or the new one. Every column has BLOB affinity: a value is kept as
-- bound (text, or an integer standing for a kind or a time), never converted.
DROP TRIGGER IF EXISTS `messages_no_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `messages_no_delete`;
--> statement-breakpoint
CREATE TABLE `__new_messages` (
	`hash` blob PRIMARY KEY NOT NULL,
	`kind` blob,
	`sender` blob,
	`sender_id` blob,
	`sent_at` blob,
	`body` blob,
	`external_id` blob,
	`edited_at` blob,
	`canonical_json` blob
);
--> statement-breakpoint
SELECT 'chatproof:compact-messages';
--> statement-breakpoint
-- A migrator that did not run the step above (drizzle-kit's own) stops here, with an error
-- (json() of text that is not JSON), before the next statement drops the messages.
SELECT CASE WHEN (SELECT COUNT(*) FROM `__new_messages`) <> (SELECT COUNT(*) FROM `messages`) THEN json('messages not converted: open this archive with chatproof to upgrade it') END;
--> statement-breakpoint
DROP TABLE `messages`;
--> statement-breakpoint
ALTER TABLE `__new_messages` RENAME TO `messages`;
--> statement-breakpoint
CREATE TRIGGER `messages_no_update` BEFORE UPDATE ON `messages`
BEGIN SELECT RAISE(ABORT, 'messages is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `messages_no_delete` BEFORE DELETE ON `messages`
BEGIN SELECT RAISE(ABORT, 'messages is append-only: DELETE forbidden'); END;
