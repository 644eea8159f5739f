CREATE TABLE `blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`bytes` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `captures` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`entry_seq` integer NOT NULL,
	`blob_sha256` text NOT NULL,
	`format` text NOT NULL,
	`variant` text NOT NULL,
	`parser_version` text NOT NULL,
	`tz` text NOT NULL,
	`coverage_kind` text NOT NULL,
	`coverage_from` text,
	`coverage_to` text,
	`message_count` integer NOT NULL,
	`merkle_root` text NOT NULL,
	`captured_at` text NOT NULL,
	`message_hashes` blob NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`blob_sha256`) REFERENCES `blobs`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `captures_room` ON `captures` (`room_id`,`entry_seq`);--> statement-breakpoint
CREATE TABLE `log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`room_id` text,
	`payload` text NOT NULL,
	`prev_hash` text,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `log_room` ON `log` (`room_id`,`seq`);--> statement-breakpoint
CREATE TABLE `messages` (
	`hash` text PRIMARY KEY NOT NULL,
	`canonical_json` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`external_id` text,
	`title` text NOT NULL,
	`created_seq` integer NOT NULL
);
