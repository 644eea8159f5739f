/** English: why an importer takes or declines an input (`import` says it, and lists them when none takes it). */
export const sniffEn = {
  'sniff.empty': 'empty input',
  'sniff.line.header': (p: { header: string }) => `starts with the LINE header "${p.header}"`,
  'sniff.line.date-line': (p: { line: string }) =>
    `starts with a LINE date line ("${p.line}") followed by message lines; no header, so a part of a chat or a desktop export`,
  'sniff.line.dated-lines': 'message lines with a date in front of each, as one unverified LINE format has them',
  'sniff.line.none': 'no "[LINE]" header and no LINE date line such as 「2024/03/01(金)」 at the start',
  'sniff.json.not-json': 'not JSON (does not start with a JSON list or object)',
  'sniff.json.empty-file': 'an empty .json file: the API answers 204 with no body when there is nothing new',
  'sniff.json.chatwork': 'JSON with "message_id" and "send_time", the fields of Chatwork API messages',
  'sniff.json.empty-list': 'an empty JSON list, as the messages API gives for a quiet room',
  'sniff.json.error-answer': 'a Chatwork API error answer ({"errors": [...]})',
  'sniff.json.other': 'JSON without the Chatwork message fields "message_id" and "send_time"',
};
