/**
 * The LINE parse keeps no table of its records (FORMAT.md "Performance"): a first pass of the
 * reader finds what the messages need of every record, and each pass that makes the messages
 * reads the records again, whole lines at a time, with the first pass's quoted-body answers
 * replayed instead of scanned for, and the times of a day resolved as its records come. Each of
 * those must give exactly what the whole-file reading gives:
 *  - the second reading finds the same records with the same texts, and stops where the first
 *    did, for any text of quotes, CRLF and LF, blank lines, date and message lines, multi-byte
 *    characters — and with its lines decoded from the UTF-8 bytes, line by line, as a large
 *    import reads them (a line end never falls inside a character, so none is cut);
 *  - the times resolved a run at a time equal those resolved over the whole list at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClockReading, DayTimes, type ResolvedTime, isFixed, readClock, resolveTime } from '../../../src/importers/line/clock.js';
import { type Lines, LineIndex } from '../../../src/importers/lines.js';
import { continuationOf, type FoundRecord, recordText } from '../../../src/importers/line/record.js';
import { hasCrlfRecords, type RecordReaderOptions, type RecordsRead, readRecords } from '../../../src/importers/line/records.js';

const TOKENS = [
  '"',
  '""',
  '\n',
  '\r\n',
  '\t',
  ' ',
  'x',
  'あ',
  '🍀',
  '山田 太郎',
  '[スタンプ]',
  '10:00\tA\t',
  '10:01\tB\t"',
  '午前12:05\tA\t',
  '24:10\tB\t',
  '12:00 A ',
  '2024/03/01(金)',
  '2024/03/02(土)',
  '2024.03.03 日曜日',
  'Sat, 3/2/2024',
  '\r\n\r\n',
  '"\r\n',
];

const HEADS = ['', '2024/03/01(金)\n', '2024/03/01(金)\r\n', '2021.01.01 金曜日\n', 'Fri, 3/1/2024\r\n'];

const textArb = fc.tuple(fc.constantFrom(...HEADS), fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 })).map(([head, parts]) => head + parts.join(''));

interface Pass {
  readonly records: unknown[];
  readonly read: RecordsRead;
}

/** Every record as its message sees it, and what the pass found besides. */
function drain(options: RecordReaderOptions, lines: Lines): Pass {
  const pass = readRecords(options);
  const records: unknown[] = [];
  let next = pass.next();
  for (; next.done !== true; next = pass.next()) {
    const r: FoundRecord = next.value;
    records.push({
      line: r.line,
      day: r.day,
      dayKey: r.dayKey,
      clock: r.clock,
      form: r.form,
      sender: r.sender,
      text: recordText(r, lines),
      more: continuationOf(r, lines),
    });
  }
  return { records, read: next.value };
}

function outcome(read: RecordsRead): unknown {
  return { count: read.count, truncated: read.truncated, failure: read.failure, dateStyle: read.dateStyle, datePrefixed: read.datePrefixed };
}

describe('LINE: the records read again for the messages are the records first read', () => {
  it('same records, texts and stop, with the quoted bodies replayed and the lines read whole, from the text or from its UTF-8 bytes', () => {
    fc.assert(
      fc.property(textArb, fc.boolean(), fc.constantFrom('month-first' as const, 'day-first' as const), (text, desktop, order) => {
        const lines = LineIndex.ofText(text);
        const options: RecordReaderOptions = { lines, start: 0, desktop, order, mixedTerminators: hasCrlfRecords(lines) };
        const first = drain(options, lines);
        const again = drain({ ...options, quotes: first.read.quotes, wholeLines: true }, lines);
        expect(again.records).toEqual(first.records);
        expect(outcome(again.read)).toEqual(outcome(first.read));
        const bytes = LineIndex.ofUtf8(Buffer.from(text, 'utf8'));
        const fromBytes = drain({ ...options, lines: bytes, quotes: first.read.quotes, wholeLines: true }, bytes);
        expect(fromBytes.records).toEqual(first.records);
        expect(outcome(fromBytes.read)).toEqual(outcome(first.read));
      }),
      { numRuns: 3000 },
    );
  });
});

/** The whole-list resolution the parse made before it read its records again: every record's previous time and next fixed reading in its day. */
function wholeList(records: readonly { dayKey: number; clock: ClockReading }[]): ResolvedTime[] {
  const resolved: ResolvedTime[] = [];
  for (let i = 0; i < records.length; i++) {
    const { dayKey, clock } = records[i]!;
    const previous = i > 0 && records[i - 1]!.dayKey === dayKey ? resolved[i - 1]!.minutes : -1;
    let next: number | null = null;
    for (let j = i + 1; j < records.length && records[j]!.dayKey === dayKey; j++) {
      if (isFixed(records[j]!.clock)) {
        next = records[j]!.clock.minutes;
        break;
      }
    }
    resolved.push(resolveTime(clock, previous, next));
  }
  return resolved;
}

const clockArb = fc.oneof(
  fc
    .tuple(fc.constantFrom('午前', '午後'), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 59 }))
    .map(([m, h, mm]) => readClock(m, String(h), String(mm), undefined)!),
  fc.tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 59 })).map(([h, mm]) => readClock(undefined, String(h), String(mm), undefined)!),
  fc.constantFrom(readClock('午前', '12', '00', undefined)!, readClock(undefined, '24', '05', undefined)!),
);

describe('LINE: the times of a day resolved as its records come', () => {
  it('equal the times resolved over the whole list at once', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), clockArb), { maxLength: 80 }), (steps) => {
        let dayKey = 0;
        const records = steps.map(([newDay, clock]) => ({ dayKey: newDay ? ++dayKey : dayKey, clock }));
        const times = new DayTimes<(typeof records)[number]>();
        const got: [unknown, ResolvedTime][] = [];
        const take = (): void => {
          for (let k = 0; k < times.resolved; k++) got.push([times.records[k], times.times[k]!]);
        };
        for (const r of records) {
          times.push(r);
          take();
        }
        times.end();
        take();
        expect(got.map(([r]) => r)).toEqual(records);
        expect(got.map(([, t]) => t)).toEqual(wholeList(records));
      }),
      { numRuns: 2000 },
    );
  });
});
