/** English: why a JSON file does not parse (src/importers/chatwork-json/json-text.ts), said after where it breaks. */
export const jsonEn = {
  'json.trailing': 'there is more text after the end of the JSON data',
  'json.too-deep': (p: { max: number }) => `the data is nested more than ${p.max} levels deep`,
  'json.expected-value': (p: { found: string }) => `expected a value (text in "quotes", a number, a list [...] or an object {...}) but found ${p.found}`,
  'json.expected-list-separator': (p: { found: string }) => `expected "," or "]" after a list item but found ${p.found}`,
  'json.expected-key': (p: { found: string }) => `expected a field name in "quotes" but found ${p.found}`,
  'json.duplicate-key': (p: { key: string }) => `the field "${p.key}" appears twice in one object`,
  'json.expected-colon': (p: { key: string; found: string }) => `expected ":" after the field name "${p.key}" but found ${p.found}`,
  'json.expected-field-separator': (p: { key: string; found: string }) => `expected "," or "}" after the field "${p.key}" but found ${p.found}`,
  'json.control-character': 'a line break or control character inside "quotes" must be written as an escape such as \\n',
  'json.unclosed': 'a text value in "quotes" is never closed (the file ends inside it)',
  'json.bad-escape': 'a text value contains an invalid backslash escape',
  'json.cut-off': 'the answer is cut off',
  'json.found.end': 'the end of the file',
  'json.found.quote': `'"' (is a comma missing before it?)`,
  'json.found.character': (p: { character: string }) => `'${p.character}'`,
};
