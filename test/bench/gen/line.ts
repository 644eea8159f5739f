/**
 * Synthetic LINE exports for the benchmark: variant A of docs/design/formats.md §1.2 (Japanese mobile, 24 h
 * clock, TABs), CRLF between records and bare LF inside quoted multi-line bodies (§1.8 E3, the
 * harder case for a parser), a group of six with placeholders, calls and system lines.
 *
 * `changes` writes the same chat as a later export would show it: about 1 % of messages deleted,
 * unsent or edited and a few new ones at the end (the diff path). The picks depend only on a
 * message's index, so both exports agree on every other byte.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { CALLS, MEDIA, MEMBERS, multiLineBody, singleLineBody } from './corpus.js';
import { Rng, hashIndex } from './rng.js';

export const LINE_TITLE = '【案件】サイト制作チーム';
export const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;
export const pad = (n: number): string => String(n).padStart(2, '0');
export const CRLF = '\r\n';

export interface LineExportSpec {
  readonly messages: number;
  /** Write the later export with ~1 % changes instead of the original. */
  readonly changes?: boolean;
  readonly seed?: number;
}

export interface WrittenExport {
  readonly path: string;
  /** Messages in the file, as a parser should count them. */
  readonly messages: number;
  readonly bytes: number;
}

/** Buffered sync writer: 1M messages are ~150 MB, never held in memory at once. */
class Sink {
  private readonly fd: number;
  private chunk = '';
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  put(s: string): void {
    this.chunk += s;
    if (this.chunk.length > 1 << 19) this.flush();
  }

  flush(): void {
    if (this.chunk === '') return;
    this.bytes += writeSync(this.fd, this.chunk);
    this.chunk = '';
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export type LineRecord =
  | { readonly kind: 'text'; readonly sender: string; readonly lines: readonly string[] }
  | { readonly kind: 'system'; readonly text: string };

export function nextRecord(rng: Rng): LineRecord {
  const sender = rng.pick(MEMBERS);
  const r = rng.next();
  if (r < 0.03) return { kind: 'text', sender, lines: multiLineBody(rng) };
  if (r < 0.09) return { kind: 'text', sender, lines: [rng.pick(MEDIA)] };
  if (r < 0.095) return { kind: 'text', sender, lines: [rng.pick(CALLS)] };
  if (r < 0.097) return { kind: 'system', text: `${sender}がメッセージの送信を取り消しました` };
  return { kind: 'text', sender, lines: [singleLineBody(rng)] };
}

/** The record's lines: a multi-line body is quoted, its inner lines end with a bare LF (E3). */
export function recordText(time: string, rec: LineRecord): string {
  if (rec.kind === 'system') return `${time}\t\t${rec.text}${CRLF}`;
  if (rec.lines.length === 1) return `${time}\t${rec.sender}\t${rec.lines[0]!}${CRLF}`;
  return `${time}\t${rec.sender}\t"${rec.lines.join('\n')}"${CRLF}`;
}

type Change = 'keep' | 'delete' | 'unsend' | 'edit';

/** ~0.3 % deleted, ~0.3 % unsent, ~0.2 % edited; with ~0.2 % added at the end, about 1 % in all. */
function changeFor(i: number, rec: LineRecord): Change {
  const u = hashIndex(i, 0x51ed);
  if (u < 0.003) return 'delete';
  if (u < 0.006) return rec.kind === 'text' ? 'unsend' : 'keep';
  if (u < 0.008) return rec.kind === 'text' ? 'edit' : 'keep';
  return 'keep';
}

function applyChange(change: Change, rec: LineRecord): LineRecord | null {
  switch (change) {
    case 'keep':
      return rec;
    case 'delete':
      return null;
    case 'unsend':
      return rec.kind === 'text' ? { kind: 'system', text: `${rec.sender}がメッセージの送信を取り消しました` } : rec;
    case 'edit':
      return rec.kind === 'text' ? { ...rec, lines: [...rec.lines.slice(0, -1), `${rec.lines[rec.lines.length - 1]!}（修正済み）`] } : rec;
  }
}

export function writeLineExport(path: string, spec: LineExportSpec): WrittenExport {
  const rng = new Rng(spec.seed ?? 20240301);
  const out = new Sink(path);
  out.put(`[LINE] ${LINE_TITLE}のトーク履歴${CRLF}保存日時：2026/11/20 21:15${CRLF}${CRLF}`);
  let day = Date.UTC(2012, 3, 2);
  let written = 0;
  let i = 0;
  const startDay = (): void => {
    const d = new Date(day);
    if (i > 0) out.put(CRLF);
    out.put(`${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}(${WEEKDAYS[d.getUTCDay()]})${CRLF}`);
  };
  while (i < spec.messages) {
    // Busy and quiet days: 20–380 messages, times climbing through the day from 07:00.
    const today = Math.min(rng.int(20, 380), spec.messages - i);
    startDay();
    for (let k = 0; k < today; k++, i++) {
      const minute = 420 + Math.floor((k * 1000) / today);
      const time = `${pad(Math.floor(minute / 60) % 24)}:${pad(minute % 60)}`;
      const original = nextRecord(rng);
      const rec = spec.changes ? applyChange(changeFor(i, original), original) : original;
      if (rec === null) continue;
      out.put(recordText(time, rec));
      written++;
    }
    day += 86_400_000 * rng.int(1, 2);
  }
  if (spec.changes) {
    // New messages since the first export, on a day of their own.
    const added = Math.max(1, Math.round(spec.messages * 0.002));
    startDay();
    for (let k = 0; k < added; k++) {
      const minute = 420 + Math.floor((k * 1000) / added);
      out.put(recordText(`${pad(Math.floor(minute / 60) % 24)}:${pad(minute % 60)}`, nextRecord(rng)));
      written++;
    }
  }
  out.close();
  return { path, messages: written, bytes: out.bytes };
}
