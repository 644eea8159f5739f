/**
 * The export header (docs/design/formats.md §1.2, §1.3 HEADER1/HEADER2; FORMAT.md "Header"):
 *   [LINE] 佐藤花子とのトーク履歴        ← 1:1          [LINE] Chat history with Alice
 *   [LINE] 制作チームのトーク履歴        ← group        [LINE] Chat history in Team
 *   [LINE] 料理好きの集まりのトーク      ← OpenChat (B)  [LINE] "Team"のトーク履歴 (Q?, quotes removed)
 *   保存日時：2024/03/02 21:15          ← `Saved on: 1/6/2026, 23:40`, `保存日期:`, `儲存日期：`
 * then blank lines. Desktop exports have none (E1); a fragment may start at a date line.
 */
import type { Lines } from '../lines.js';
import { CLOCK, readClock } from './clock.js';
import { type DayOrder, checkedDay } from './dates.js';
import type { LocalTimes } from './local-time.js';

export type RoomShape = 'one-to-one' | 'group' | 'openchat' | 'unknown';

export interface LineHeader {
  /** The room's name as the header gives it (surrounding quotes of the Q? variant removed). */
  readonly title: string;
  readonly shape: RoomShape;
  /** True for `…とのトーク履歴`: a group whose name ends in と reads the same (docs/design/formats.md §1.2 notes). */
  readonly endsInTo: boolean;
  readonly quotedTitle: boolean;
  readonly savedAt: { readonly line: number; readonly text: string } | null;
  /** Index (0-based) of the first line after the header and the blank lines that follow it. */
  readonly bodyStart: number;
}

const PREFIX = '[LINE]';

/** Title wordings: the longer suffix first, so `とのトーク履歴` is not read as `のトーク履歴`. */
const JA_SUFFIXES: readonly { readonly suffix: string; readonly shape: RoomShape; readonly endsInTo: boolean }[] = [
  { suffix: 'とのトーク履歴', shape: 'one-to-one', endsInTo: true },
  { suffix: 'のトーク履歴', shape: 'group', endsInTo: false },
  { suffix: 'とのトーク', shape: 'one-to-one', endsInTo: true },
  { suffix: 'のトーク', shape: 'openchat', endsInTo: false },
];
const EN_PREFIXES: readonly { readonly prefix: string; readonly shape: RoomShape }[] = [
  { prefix: 'Chat history with ', shape: 'one-to-one' },
  { prefix: 'Chat history in ', shape: 'group' },
  { prefix: 'Chat with ', shape: 'one-to-one' },
  { prefix: 'ประวัติการสนทนากับ ', shape: 'one-to-one' },
];
const ZH_TITLE = /^[与與](.+)的聊天(?:记录|記錄)$/;
/** A group: the name alone before 的聊天記錄 (hellodigua/ChatLab line-native-txt.ts). */
const ZH_GROUP_TITLE = /^(.+)的聊天(?:记录|記錄)$/;
const SAVED_PREFIXES = ['保存日時：', '保存日時:', 'Saved on: ', 'Saved on:', '保存日期：', '保存日期:', '儲存日期：', '儲存日期:', 'บันทึกวันที่: '];

/** Reads the header at the top of the file, or null when the file has none. */
export function readHeader(lines: Lines): LineHeader | null {
  const first = lines.at(0)?.text.replace(/^\uFEFF/, '');
  if (first === undefined || !first.startsWith(PREFIX)) return null;
  const rest = first.slice(PREFIX.length).replace(/^ /, '');
  const named = titleOf(rest);
  let index = 1;
  let savedAt: LineHeader['savedAt'] = null;
  const second = lines.at(1);
  const savedPrefix = second === undefined ? undefined : SAVED_PREFIXES.find((p) => second.text.startsWith(p));
  if (second !== undefined && savedPrefix !== undefined) {
    savedAt = { line: second.number, text: second.text.slice(savedPrefix.length) };
    index = 2;
  }
  while (index < lines.length && lines.at(index)!.text === '') index++;
  const unquoted = /^".+"$/.test(named.title) ? named.title.slice(1, -1) : named.title;
  return { ...named, title: unquoted, quotedTitle: unquoted !== named.title, savedAt, bodyStart: index };
}

function titleOf(rest: string): { title: string; shape: RoomShape; endsInTo: boolean } {
  for (const { suffix, shape, endsInTo } of JA_SUFFIXES) {
    if (rest.length > suffix.length && rest.endsWith(suffix)) return { title: rest.slice(0, -suffix.length), shape, endsInTo };
  }
  for (const { prefix, shape } of EN_PREFIXES) {
    if (rest.length > prefix.length && rest.startsWith(prefix)) return { title: rest.slice(prefix.length), shape, endsInTo: false };
  }
  const zh = ZH_TITLE.exec(rest);
  if (zh) return { title: zh[1]!, shape: 'one-to-one', endsInTo: false };
  const zhGroup = ZH_GROUP_TITLE.exec(rest);
  if (zhGroup) return { title: zhGroup[1]!, shape: 'group', endsInTo: false };
  return { title: rest, shape: 'unknown', endsInTo: false };
}

const SAVED_YMD = new RegExp(`^(\\d{4})[/.年](\\d{1,2})[/.月](\\d{1,2})日? ${CLOCK}$`);
const SAVED_LOCALE = new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4}),? ${CLOCK}$`);

/**
 * The `保存日時 / Saved on` time as ISO in the zone, or null when it cannot be read without a
 * guess (an unknown form, or `午前12:xx`, which has no day around it to resolve it).
 */
export function savedAtIso(text: string, order: DayOrder, times: LocalTimes): string | null {
  // zh-TW writes a space after the full-width colon: `儲存日期： 2026/01/03 01:14`.
  const trimmed = text.trimStart();
  const ymd = SAVED_YMD.exec(trimmed);
  const m = ymd ?? SAVED_LOCALE.exec(trimmed);
  if (!m) return null;
  const [a, b, c] = [+m[1]!, +m[2]!, +m[3]!];
  const day = ymd ? checkedDay(a, b, c, null) : order === 'month-first' ? checkedDay(c, a, b, null) : checkedDay(c, b, a, null);
  const reading = readClock(m[4], m[5]!, m[6]!, m[7]);
  if (day === null || reading === null || reading.noonReading !== null || reading.minutes >= 24 * 60) return null;
  return times.iso(day, reading.minutes);
}
