-- Evidence is append-only (P4): every table refuses UPDATE and DELETE. REPLACE is caught too,
-- because each connection sets recursive_triggers=ON (store/open-archive.ts). These guard against
-- accidents; tampering by other means is found by `chatproof verify` through the hash chain.
CREATE TRIGGER `blobs_no_update` BEFORE UPDATE ON `blobs`
BEGIN SELECT RAISE(ABORT, 'blobs is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `blobs_no_delete` BEFORE DELETE ON `blobs`
BEGIN SELECT RAISE(ABORT, 'blobs is append-only: DELETE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `rooms_no_update` BEFORE UPDATE ON `rooms`
BEGIN SELECT RAISE(ABORT, 'rooms is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `rooms_no_delete` BEFORE DELETE ON `rooms`
BEGIN SELECT RAISE(ABORT, 'rooms is append-only: DELETE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `messages_no_update` BEFORE UPDATE ON `messages`
BEGIN SELECT RAISE(ABORT, 'messages is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `messages_no_delete` BEFORE DELETE ON `messages`
BEGIN SELECT RAISE(ABORT, 'messages is append-only: DELETE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `captures_no_update` BEFORE UPDATE ON `captures`
BEGIN SELECT RAISE(ABORT, 'captures is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `captures_no_delete` BEFORE DELETE ON `captures`
BEGIN SELECT RAISE(ABORT, 'captures is append-only: DELETE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `log_no_update` BEFORE UPDATE ON `log`
BEGIN SELECT RAISE(ABORT, 'log is append-only: UPDATE forbidden'); END;
--> statement-breakpoint
CREATE TRIGGER `log_no_delete` BEFORE DELETE ON `log`
BEGIN SELECT RAISE(ABORT, 'log is append-only: DELETE forbidden'); END;
