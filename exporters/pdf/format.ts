import type { DateTime } from 'luxon';
import { luxon } from '../../src/core/time.js';
import type { ReportLang } from '../../src/report/model.js';

/** How times, sizes and hashes read on paper. Pure; every function takes the language it writes. */

export function L(lang: ReportLang, ja: string, en: string): string {
  return lang === 'ja' ? ja : en;
}

function at(iso: string, tz: string): DateTime {
  return luxon().DateTime.fromISO(iso, { setZone: true }).setZone(tz);
}

/** "JST" for Asia/Tokyo (what a Japanese reader expects), else "UTC+hh:mm". */
function zoneLabel(iso: string, tz: string): string {
  if (tz === 'Asia/Tokyo') return 'JST';
  const dt = at(iso, tz);
  return dt.isValid ? `UTC${dt.toFormat('ZZ')}` : tz;
}

/** 2024-03-05 20:00 JST (seconds only where the source has them). */
export function dateTime(iso: string, tz: string, seconds = false): string {
  const dt = at(iso, tz);
  if (!dt.isValid) return iso;
  return `${dt.toFormat(seconds ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm')} ${zoneLabel(iso, tz)}`;
}

/** A capture or log time both ways: the reader's zone and UTC, so nothing is left to convert. */
export function dateTimeWithUtc(iso: string, tz: string, lang: ReportLang): string {
  const utc = luxon().DateTime.fromISO(iso, { setZone: true }).toUTC();
  if (!utc.isValid) return iso;
  const u = `${utc.toFormat('yyyy-MM-dd HH:mm:ss')} UTC`;
  return `${dateTime(iso, tz, true)}${L(lang, `（${u}）`, ` (${u})`)}`;
}

const WEEKDAYS_JA = ['月', '火', '水', '木', '金', '土', '日'];

export function dayHeading(iso: string, tz: string, lang: ReportLang): string {
  const dt = at(iso, tz);
  if (!dt.isValid) return L(lang, '日時不明', 'Unknown date');
  return lang === 'ja' ? `${dt.year}年${dt.month}月${dt.day}日（${WEEKDAYS_JA[dt.weekday - 1]}）` : dt.setLocale('en-GB').toFormat('cccc d LLLL yyyy');
}

export function shortHash(hash: string): string {
  return hash.slice(0, 8);
}

export function byteSize(n: number, lang: ReportLang): string {
  if (n < 1024) return L(lang, `${n} バイト`, `${n} bytes`);
  const [v, unit] = n < 1024 * 1024 ? [n / 1024, 'KB'] : [n / 1024 / 1024, 'MB'];
  const exact = `${n.toLocaleString('en-US')} ${L(lang, 'バイト', 'bytes')}`;
  return `${v.toFixed(1)} ${unit}${L(lang, `（${exact}）`, ` (${exact})`)}`;
}

export function count(n: number, lang: ReportLang, unitJa: string, enOne: string, enMany: string): string {
  return lang === 'ja' ? `${n.toLocaleString('ja-JP')} ${unitJa}` : `${n.toLocaleString('en-US')} ${n === 1 ? enOne : enMany}`;
}

/** Title and author go into XMP unescaped by pdfkit (docs/design/platform-notes.md §3c): keep markup characters out. */
export function xmpSafe(text: string): string {
  return text.replace(/&/g, '＆').replace(/</g, '＜').replace(/>/g, '＞');
}
