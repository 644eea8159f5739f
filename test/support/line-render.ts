/**
 * Writes a generated conversation (arbitraries.ts) as a LINE export of one variant, the way
 * docs/design/formats.md §1.2–1.4 describes each, so the importer can be checked to read it back. Multi-line
 * bodies are quoted with `"` doubled (mobile) or written as bare continuation lines (desktop).
 */
import type { Conversation, ConversationMessage } from './arbitraries.js';

export type LineVariant =
  | 'ja-24h'
  | 'ja-12h'
  | 'openchat'
  | 'en-old'
  | 'en-new-month-first'
  | 'en-new-day-first'
  | 'desktop-ja'
  | 'desktop-en'
  | 'zh'
  | 'ja-dated-lines';

export const LINE_VARIANTS: readonly LineVariant[] = [
  'ja-24h',
  'ja-12h',
  'openchat',
  'en-old',
  'en-new-month-first',
  'en-new-day-first',
  'desktop-ja',
  'desktop-en',
  'zh',
  'ja-dated-lines',
];

export interface RenderOptions {
  readonly variant: LineVariant;
  readonly eol: '\n' | '\r\n';
  /** Bare LF inside quoted bodies while records end with `eol` (docs/design/formats.md E3). */
  readonly lfInsideQuotes: boolean;
  /** Write the `[LINE] …` header and save line; without it the file is a fragment. */
  readonly header: boolean;
}

const JA_WEEKDAYS = '日月火水木金土';
const ZH_WEEKDAYS = '日一二三四五六';
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Day = ConversationMessage['at'];

export function isDesktop(v: LineVariant): boolean {
  return v === 'desktop-ja' || v === 'desktop-en';
}

function isEnglish(v: LineVariant): boolean {
  return v.startsWith('en-') || v === 'desktop-en';
}

const pad = (n: number): string => String(n).padStart(2, '0');
const weekday = (d: Day): number => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
const sameDay = (a: Day, b: Day): boolean => a.year === b.year && a.month === b.month && a.day === b.day;

function dateLine(v: LineVariant, d: Day): string {
  const w = weekday(d);
  switch (v) {
    case 'en-old':
      return `${d.year}/${pad(d.month)}/${pad(d.day)}(${EN_WEEKDAYS[w]})`;
    case 'en-new-month-first':
      return `${EN_WEEKDAYS[w]}, ${d.month}/${d.day}/${d.year}`;
    case 'en-new-day-first':
      return `${EN_WEEKDAYS[w]}, ${pad(d.day)}/${pad(d.month)}/${d.year}`;
    case 'desktop-ja':
      return `${d.year}.${pad(d.month)}.${pad(d.day)} ${JA_WEEKDAYS[w]}曜日`;
    case 'desktop-en':
      return `${d.year}.${pad(d.month)}.${pad(d.day)} ${EN_LONG[w]}`;
    case 'zh':
      return `${d.year}/${d.month}/${d.day}週${ZH_WEEKDAYS[w]}`;
    default:
      return d.day % 2 === 0 ? `${d.year}/${pad(d.month)}/${pad(d.day)}(${JA_WEEKDAYS[w]})` : `${d.year}/${d.month}/${d.day}（${JA_WEEKDAYS[w]}）`;
  }
}

/** The clock, varied by `seed` (padding, AM/PM spacing incl. U+202F) so one conversation shows several forms. */
function clock(v: LineVariant, d: Day, seed: number): string {
  const h12 = d.hour % 12 === 0 ? 12 : d.hour % 12;
  const pm = d.hour >= 12;
  switch (v) {
    case 'ja-12h':
      return `${pm ? '午後' : '午前'}${seed % 2 === 0 ? pad(h12) : h12}:${pad(d.minute)}`;
    case 'zh':
      return `${pm ? '下午' : '上午'}${pad(h12)}:${pad(d.minute)}`;
    case 'en-new-month-first':
    case 'en-new-day-first':
      return `${h12}:${pad(d.minute)}${[' ', '', '\u202f'][seed % 3]}${pm ? 'PM' : 'AM'}`;
    case 'ja-24h':
      return seed % 2 === 0 ? `${d.hour}:${pad(d.minute)}` : `${pad(d.hour)}:${pad(d.minute)}`;
    default:
      return `${pad(d.hour)}:${pad(d.minute)}`;
  }
}

/** The text LINE writes for an unsend (docs/design/formats.md §1.5), per the variant's language. */
export function unsendText(v: LineVariant, sender: string): string {
  return isEnglish(v) ? `${sender} unsent a message.` : `${sender}がメッセージの送信を取り消しました`;
}

function header(v: LineVariant, c: Conversation): string[] {
  const last = c.messages[c.messages.length - 1]!.at;
  const saved = `${last.year}/${pad(last.month)}/${pad(last.day)} ${pad(last.hour)}:${pad(last.minute)}`;
  switch (v) {
    case 'openchat':
      return [`[LINE] ${c.title}のトーク`, `保存日時：${saved}`];
    case 'zh':
      return [`[LINE] 與${c.title}的聊天記錄`, `儲存日期：${saved}`];
    case 'ja-dated-lines':
      return [`[LINE] "${c.title}"のトーク履歴`, `保存日時：${last.year}年${last.month}月${last.day}日 ${pad(last.hour)}:${pad(last.minute)}`];
    default:
      return isEnglish(v) ? [`[LINE] Chat history in ${c.title}`, `Saved on: ${saved}`] : [`[LINE] ${c.title}のトーク履歴`, `保存日時：${saved}`];
  }
}

/** Renders the conversation; returns the file's text. */
export function renderLine(c: Conversation, o: RenderOptions): string {
  const { variant: v } = o;
  const desktop = isDesktop(v);
  const records: string[] = [];
  if (o.header && !desktop) records.push(...header(v, c), '');
  let previous: Day | null = null;
  c.messages.forEach((m, i) => {
    if (v !== 'ja-dated-lines' && (previous === null || !sameDay(previous, m.at))) {
      if (previous !== null && !desktop) records.push('');
      records.push(dateLine(v, m.at));
    }
    previous = m.at;
    // Q?: the date in front of every message line, no date lines (docs/design/formats.md §1.2).
    const time = v === 'ja-dated-lines' ? `${dateLine('ja-24h', m.at)} ${clock(v, m.at, i)}` : clock(v, m.at, i);
    if (m.kind === 'unsent') records.push(desktop ? `${time} ${unsendText(v, m.sender)}` : `${time}\t\t${unsendText(v, m.sender)}`);
    else if (desktop) records.push(`${time} ${m.sender} ${m.body.split('\n').join(o.eol)}`);
    else records.push(`${time}\t${m.sender}\t${quoted(m.body, o.lfInsideQuotes ? '\n' : o.eol)}`);
  });
  return records.join(o.eol) + o.eol;
}

function quoted(body: string, eol: string): string {
  if (!body.includes('\n')) return body;
  return `"${body.replaceAll('"', '""').split('\n').join(eol)}"`;
}
