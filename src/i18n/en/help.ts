/** English: `--help` — what each command and option is for. */
export const helpEn = {
  'help.global.db': 'archive file (default: $CHATPROOF_DB, else the user data folder)',
  'help.global.json': 'print one JSON document on stdout; diagnostics go to stderr',
  'help.global.tz': 'time zone of the times shown, and of sources without offsets (IANA name, default Asia/Tokyo)',
  'help.global.lang': 'language of messages and reports (default: CHATPROOF_LANG, else the system language)',
  'help.verbose': 'also show each message\'s hash tag',
  'help.show': 'every message ever seen in a room with its status, or one capture (--capture)',
  'help.show.capture': 'show only this capture, as it was imported',
  'help.diff': 'changes between two captures (default: the last two)',
  'help.diff.from': 'the earlier capture',
  'help.diff.to': 'the later capture',
  'help.rooms': 'list the archived rooms',
  'help.captures': 'list the captures of a room (ROOM: id, id prefix of 6+ chars, or title)',
  'help.note': 'append an observation to the log, e.g. "the client deleted the room on 2024-02-01"',
  'help.verify': 'recompute every hash, Merkle root and log link from the stored bytes',
  'help.backup': 'write a consistent copy of the archive, even while it is in use',
};
