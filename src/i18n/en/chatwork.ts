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
  'chatwork.field': (p: { n: number; path: string }) => (p.path === '' ? `message ${p.n}` : `message ${p.n}: ${p.path}`),
  'chatwork.found.list': 'a list [...]',
  'chatwork.found.object': 'an object {...}',
  'chatwork.field.not-object': (p: { field: string; found: string }) => `${p.field} should be an object {...} but is ${p.found}`,
  'chatwork.field.missing': (p: { field: string; key: string }) => `${p.field} has no "${p.key}"`,
  'chatwork.field.not-text': (p: { field: string; found: string }) => `${p.field} should be text in "quotes" but is ${p.found}`,
  'chatwork.field.not-id': (p: { field: string; found: string }) => `${p.field} should be a whole number or its digits in "quotes" but is ${p.found}`,
  'chatwork.field.not-epoch': (p: { field: string; found: string }) => `${p.field} should be whole seconds since 1970 (like 1709251500) but is ${p.found}`,
  'chatwork.message-unreadable': (p: { line: number; problem: string }) => `The Chatwork message at line ${p.line} cannot be read: ${p.problem}.`,
  'chatwork.message-unreadable.hint': 'Import the body of GET /rooms/{room_id}/messages exactly as the API sent it.',
  // The problem (from json-text.ts) stays in English: it names JSON syntax.
  'chatwork.json-broken': (p: { line: number; column: number; problem: string }) =>
    `The Chatwork JSON is broken at line ${p.line}, column ${p.column}: ${p.problem}.`,
  'chatwork.json-broken.hint':
    'Save the API answer again without editing it (for example `curl -o room-123456.json …`). If you edited the file, check that spot.',
  'chatwork.webhook':
    "This is a Chatwork webhook event (the body Chatwork POSTs to a webhook URL), not a message list: it holds one event, not the room's messages.",
  'chatwork.webhook.hint': 'Import the body of GET /rooms/{room_id}/messages, or run `chatproof sync` to fetch the room.',
  'chatwork.error-answer': (p: { errors: string }) => `This is an error answer from the Chatwork API, not messages: ${p.errors}.`,
  'chatwork.error-answer.hint': 'Check the API token and the room id, then fetch the messages again.',
  'chatwork.not-messages': 'This JSON is not a Chatwork message list: expected a list [...] of messages or one message object.',
  'chatwork.not-messages.hint': 'Import the body of GET /rooms/{room_id}/messages.',
};
