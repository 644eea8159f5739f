/**
 * English: errors and their hints. A key is the error's stable code (`category.what`); a hint's
 * key ends in `.hint` when it belongs to one error, or starts with `hint.` when several share it.
 */
export const errorsEn = {
  'usage.unknown-zone': (p: { zone: string }) => `Unknown time zone "${p.zone}".`,
  'usage.unknown-zone.hint': 'Use an IANA zone name such as Asia/Tokyo or Europe/London.',
  'usage.file-and-clipboard': 'Give either a FILE (or -) or --clipboard, not both.',
  'usage.unknown-format': (p: { format: string; formats: string }) => `Unknown --format "${p.format}". Choose one of: ${p.formats}.`,
  'usage.coverage': (p: { value: string }) => `--coverage takes full or window, not "${p.value}".`,
  'input.empty': 'The input is empty: there is nothing to import.',
  'input.empty.hint': 'Check that you exported or copied the chat before importing.',
  'hint.complete-or-format': 'Check that the file is complete and unedited, or pass --format.',
  'usage.room-not-named': 'This input does not say which room it comes from. Name the room with --room "TITLE".',
  'usage.capture-other-room': (p: { capture: string }) => `Capture ${p.capture} belongs to another room.`,
  'usage.capture-other-room.hint': (p: { room: string }) => `List this room's captures with: chatproof captures ${p.room}`,
  'usage.diff-one-capture': (p: { title: string }) => `Room "${p.title}" has fewer than two captures: nothing to compare.`,
  'usage.diff-one-capture.hint': 'Import a later export of the same chat first.',
  'usage.note-empty': 'The note is empty: write what you observed, in quotes.',
  'usage.attach-note-empty': '--note is empty: write the note in quotes, or leave --note out.',
  'usage.title-empty': '--title is empty.',
  'usage.sync-service': (p: { service: string }) => `chatproof can sync "chatwork" only, not "${p.service}".`,
  'usage.sync-service.hint': 'Other chats are kept with `chatproof import`.',
  'usage.token-unset': 'CHATWORK_API_TOKEN is not set.',
  'usage.token-characters': 'CHATWORK_API_TOKEN contains characters a token cannot have (spaces, line breaks, non-ASCII).',
  'hint.chatwork-token': 'In Chatwork, open your name (top right) → サービス連携 (Service integration) → API Token, copy the token, run `export CHATWORK_API_TOKEN=...`, then run the sync again (organisation accounts may need their admin\'s approval).',
  'usage.api-base': (p: { example: string; base: string }) => `CHATWORK_API_BASE must be a web address like ${p.example}, not "${p.base}".`,
  'usage.sync-room': (p: { arg: string }) => `--room takes a Chatwork room id (digits), not "${p.arg}".`,
  'usage.sync-room.hint': 'The id is the number after "rid" in the room\'s address, e.g. https://www.chatwork.com/#!rid123456 → 123456.',
  'input.report-missing': (p: { file: string }) => `Cannot read ${p.file}: there is no such file.`,
  'input.report-unreadable': (p: { file: string; why: string }) => `Cannot read ${p.file}: ${p.why}.`,
  'input.report-missing.hint': 'Check the path of the report PDF.',
};
