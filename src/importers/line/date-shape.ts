/**
 * Lines that look like a date line whatever their form (src/importers/line/FORMAT.md): digits and separators in the
 * shape of a date, with or without a weekday or month name in any language. A LINE date line
 * decides the day of every message after it, so one that is not read as a date line (an unknown
 * form, a weekday that does not fit, a day that goes back) must never pass silently: the reader
 * turns each such line into an error or a warning that the dates after it may be wrong.
 */

/** A weekday or month word in any script (`Sun`, `金曜日`, `週日`, `วันจันทร์`, `Montag`, `janvier`). */
const WORD = '[\\p{L}\\p{M}][\\p{L}\\p{M}.]{0,15}';
const SPACE = '[ \\u3000]*';
const SEP = `${SPACE}[/.\\-]${SPACE}`;

/** Year–month–day (`2025/7/6`, `2025.08.04`, `2025-7-6`, `2025年7月6日`, `2025년 7월 6일`). */
const YMD = `\\d{4}(?:${SEP}\\d{1,2}${SEP}\\d{1,2}\\.?|${SPACE}[年년]${SPACE}\\d{1,2}${SPACE}[月월]${SPACE}\\d{1,2}${SPACE}[日일]?)`;
/** Day and month either way round, then the year (`6/7/2025`, `06.07.2025`). */
const DMY = `\\d{1,2}${SEP}\\d{1,2}${SEP}\\d{4}`;
/** A month name with a day and year (`6 July 2025`, `July 6, 2025`, `6 ก.ค. 2568`). */
const NAMED = `\\d{1,2}${SPACE}${WORD}${SPACE},?${SPACE}\\d{4}|${WORD}${SPACE}\\d{1,2}${SPACE},?${SPACE}\\d{4}`;

/** A weekday before the date (`Sun, 7/6/2025`) and/or after it (`(日)`, `（週日）`, ` 星期一`, `, Sunday`). */
/** Around the date, spaces and invisible format characters (a zero-width space left by an edit or a copy). */
const EDGE = '[ \\t\\u3000\\p{Cf}]*';
const DATE_SHAPE = new RegExp(
  `^${EDGE}(?:${WORD}[,，、]?${SPACE})?(?:${YMD}|${DMY}|${NAMED})${SPACE}(?:[(（\\[【]${SPACE}${WORD}${SPACE}[)）\\]】]|[,，、]?${SPACE}${WORD})?${EDGE}$`,
  'u',
);

/** Date lines are short: a longer line is text, and the bound keeps the test cheap on any line. */
const MAX_LENGTH = 48;

export function looksLikeDateLine(text: string): boolean {
  return text.length <= MAX_LENGTH && text.length >= 6 && DATE_SHAPE.test(text);
}
