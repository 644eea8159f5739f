/** English: `--help` — what each command and option is for. */
export const helpEn = {
  'help.global.db': 'archive file (default: $CHATPROOF_DB, else the user data folder)',
  'help.global.json': 'print one JSON document on stdout; diagnostics go to stderr',
  'help.global.tz': 'time zone of the times shown, and of sources without offsets (IANA name, default Asia/Tokyo)',
  'help.global.lang': 'language of messages and reports (default: CHATPROOF_LANG, else the system language)',
};
