/**
 * The "daily captures" bench input (issue 21, docs/performance.md): one LINE group exported whole
 * every day, a little longer each time. One file is kept and grown in place — the new messages
 * appended, the header's `保存日時` rewritten to the new day — so 365 exports never exist at once
 * and day N's file is what a user's export on day N would be: every earlier message byte for byte
 * the same, in the same place, and a save time one day later.
 *
 * The chat is the bench's LINE group (gen/line.ts). A chat day's size is drawn before its first
 * message and its times follow from it, so a chat day cut by one export reads the same when the
 * next export finishes it.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { CRLF, LINE_TITLE, WEEKDAYS, nextRecord, pad, recordText, type WrittenExport } from './line.js';
import { Rng } from './rng.js';

/** The first export's save time (as the header writes it, in the exporting phone's zone). */
const FIRST_SAVED = Date.UTC(2026, 10, 20, 21, 15);

function header(savedAt: number): string {
  const d = new Date(savedAt);
  const saved = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `[LINE] ${LINE_TITLE}のトーク履歴${CRLF}保存日時：${saved}${CRLF}${CRLF}`;
}

export class DailyLineExport {
  private readonly rng: Rng;
  private readonly fd: number;
  private day = Date.UTC(2012, 3, 2);
  /** Messages of the current chat day: all of it, and how many are written. */
  private dayTotal = 0;
  private dayWritten = 0;
  private written = 0;
  private bytes = 0;
  private exportDay = 0;

  /** Writes the first export, `messages` long, to `path`. */
  constructor(
    readonly path: string,
    messages: number,
    seed = 20240301,
  ) {
    this.rng = new Rng(seed);
    this.fd = openSync(path, 'w');
    const head = header(FIRST_SAVED);
    this.bytes += writeSync(this.fd, head, this.bytes);
    this.append(messages);
  }

  /** The next day's export: `more` messages longer, saved a day later. */
  grow(more: number): WrittenExport {
    this.exportDay++;
    // The header's length never changes (fixed-width date), so it is rewritten in place.
    writeSync(this.fd, header(FIRST_SAVED + this.exportDay * 86_400_000), 0);
    this.append(more);
    return this.current();
  }

  current(): WrittenExport {
    return { path: this.path, messages: this.written, bytes: this.bytes };
  }

  close(): void {
    closeSync(this.fd);
  }

  private append(count: number): void {
    let chunk = '';
    for (let k = 0; k < count; k++) {
      if (this.dayWritten === this.dayTotal) {
        if (this.written > 0) this.day += 86_400_000 * this.rng.int(1, 2);
        this.dayTotal = this.rng.int(20, 380);
        this.dayWritten = 0;
        const d = new Date(this.day);
        chunk += `${this.written > 0 ? CRLF : ''}${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}(${WEEKDAYS[d.getUTCDay()]})${CRLF}`;
      }
      const minute = 420 + Math.floor((this.dayWritten * 1000) / this.dayTotal);
      chunk += recordText(`${pad(Math.floor(minute / 60) % 24)}:${pad(minute % 60)}`, nextRecord(this.rng));
      this.dayWritten++;
      this.written++;
      if (chunk.length > 1 << 19) chunk = this.flush(chunk);
    }
    this.flush(chunk);
  }

  private flush(chunk: string): string {
    if (chunk !== '') this.bytes += writeSync(this.fd, chunk, this.bytes);
    return '';
  }
}
