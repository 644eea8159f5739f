/**
 * English: the LINE importer's refusals (src/importers/line/). A refusal says what line, what was
 * found there (quoted by src/importers/shown-line.ts), what was expected, and what to do.
 */
export const lineEn = {
  'line.empty': 'The file is empty: there is no chat in it.',
  'line.empty.hint': 'Export the chat again and import the new file.',
  'line.no-messages': 'There are no messages in this file: it has LINE date lines but no message lines.',
  'line.no-date-yet': (p: { line: number; found: string }) =>
    `Line ${p.line} is a message, but no date line (such as "2024/03/01(金)") comes before it, so its day is unknown: found ${p.found}.`,
  'line.no-date-yet.hint': 'If you copied part of a chat, include the date line above the first message, then import again.',
  'line.not-line': (p: { line: number; found: string }) =>
    `Line ${p.line} is not what a LINE chat export has there: expected a date line such as "2024/03/01(金)" or a message line such as "09:05<TAB>名前<TAB>本文", but found ${p.found}.`,
  'line.date-line-not-read': (p: { line: number; found: string; why: string }) =>
    `Line ${p.line} looks like a date line, but it cannot be read as one (${p.why}): found ${p.found}. Every message after it would get a wrong date, so nothing was read.`,
  'line.why.unknown-form': 'LINE is not known to write a date line in this form',
  'line.why.no-such-day': 'that day does not exist or has another weekday',
  'line.why.other-form': "it is in another form than the file's other date lines",
  'line.why.not-later': 'its date is not after the date line before it',
  'line.why.prefix-weekday': 'the date in front of it has the wrong weekday',
  'line.why.no-real-time': 'it starts like a message line, but with no real time',
  'line.warn.date-line-not-read': (p: { why: string; start: number }) =>
    `this line looks like a date line, but it was not read as one (${p.why}); it was kept as text of the message that starts on line ${p.start}, and the messages after it keep the date before it, so their dates may be wrong. Check them against the chat in LINE.`,
  'line.warn.not-a-record': (p: { why: string; start: number }) => `${p.why}, so it was kept as part of the message that starts on line ${p.start}.`,
  'line.warn.date-order-undecided': 'the dates could be month/day or day/month and their weekdays fit both; they were read as month/day.',
  'line.warn.continuation': (p: { start: number }) =>
    `this line is not a message, date or system line; it was added to the message that starts on line ${p.start} as a further line of its text.`,
  'line.warn.hour-24-same-day': (p: { mm: string }) =>
    `the time 24:${p.mm} comes before the day's later times, so it was read as 00:${p.mm} of this line's date, not of the next day.`,
  'line.warn.hour-24-next-day': (p: { mm: string }) => `the time 24:${p.mm} follows the day's late times, so it was read as 00:${p.mm} of the next day.`,
  'line.warn.hour-24-undecided': (p: { mm: string }) =>
    `the time 24:${p.mm} can mean 00:${p.mm} of this line's date or of the next day, and the order of the day's messages does not tell; it was read as the next day.`,
  'line.warn.noon-undecided': (p: { mm: string }) =>
    `12:${p.mm} in the morning (午前/上午) can mean midnight or noon, and the order of the day's messages does not tell; it was read as midnight (00:${p.mm}).`,
  'line.warn.name-guess': (p: { sender: string; more: number; suggestion: string }) =>
    `cannot tell where the sender's name ends on this line; it was read as "${p.sender}"${p.more === 0 ? '' : ` (${p.more} more line${p.more === 1 ? '' : 's'} read the same way)`}. If the name has a space in it, import again with --member "${p.suggestion}".`,
  'hint.line-export': 'Import the .txt file that LINE made (トーク → ≡ → 設定 → トーク履歴を送信 / "Send chat history"), without editing it.',
  'hint.line-unknown-layout':
    'Import the .txt file that LINE made (トーク → ≡ → 設定 → トーク履歴を送信 / "Send chat history"), without editing it. If it is such a file, its layout is one chatproof does not read yet: check that the line is not an edit, and report the line so the reader can learn it.',
};
