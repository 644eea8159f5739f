/**
 * English: what the Chatwork JSON importer says about a message it read (src/importers/chatwork-json/).
 * `n` is the message's place in the list, counted from 1.
 */
export const chatworkEn = {
  'chatwork.id-is-number': (p: { n: number }) =>
    `message ${p.n}: message_id is a number, not text as API v2 sends it; it was read digit by digit, so it is exact`,
  'chatwork.no-sender-name': (p: { n: number }) => `message ${p.n}: the account has no name; the sender is left empty`,
  'chatwork.no-update-time': (p: { n: number }) => `message ${p.n}: update_time is missing, so whether it was edited is unknown`,
  'chatwork.duplicate-id': (p: { n: number; id: string }) => `message ${p.n}: message_id ${p.id} appears more than once; both copies are kept`,
};
