/** What every bench suite shares: where files go, how RSS is read, the rows measured so far. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countLabel } from './args.js';
import { writeChatworkList, CHATWORK_ROOM_ID } from './gen/chatwork.js';
import { writeLineExport, type WrittenExport } from './gen/line.js';
import type { RssMethod } from './measure.js';
import type { Row } from './results.js';

export interface Bench {
  readonly method: RssMethod;
  /** Folder for inputs, archives and PDFs. */
  readonly work: string;
  readonly rows: Row[];
  /** A --quick smoke run: every path once, nothing repeated. */
  readonly quick: boolean;
  /** Progress of the bench itself, on stderr (stdout is the table or the JSON). */
  log(line: string): void;
}

/**
 * How often a measured command runs at `size` (measure.ts `medianRun` keeps the medians): five
 * times up to 20k messages, three up to 200k, once above, where one run takes seconds and a
 * second's noise is a small part of it.
 */
export function repeatsFor(b: Bench, size: number): number {
  if (b.quick) return 1;
  return size <= 20_000 ? 5 : size <= 200_000 ? 3 : 1;
}

/** The note of a row measured `times` times. */
export function medianNote(note: string, times: number): string {
  return times > 1 ? `${note}; median of ${times}` : note;
}

export function addRow(b: Bench, row: Row): Row {
  b.rows.push(row);
  return row;
}

export function row(b: Bench, id: string): Row | undefined {
  return b.rows.find((r) => r.id === id);
}

export function dbPath(b: Bench, name: string): string {
  return join(b.work, `${name}.db`);
}

/** A new, empty archive path (a stale one from an earlier run with --out is removed). */
export function freshDb(b: Bench, name: string): string {
  const db = dbPath(b, name);
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  return db;
}

/**
 * Generated once per work folder: with --out the inputs of an earlier run are reused when their
 * spec matches, so repeated runs measure rather than regenerate 150 MB.
 */
function cached(b: Bench, file: string, spec: string, make: (path: string) => WrittenExport): WrittenExport {
  const path = join(b.work, file);
  const metaPath = `${path}.meta.json`;
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as WrittenExport & { spec: string };
    if (meta.spec === spec) return { path, messages: meta.messages, bytes: meta.bytes };
  }
  b.log(`generating ${file}`);
  const written = make(path);
  writeFileSync(metaPath, JSON.stringify({ ...written, spec }));
  return written;
}

const GEN_VERSION = 1;

export function lineExport(b: Bench, messages: number, changes = false): WrittenExport {
  const file = `line-${countLabel(messages)}${changes ? '-changed' : ''}.txt`;
  return cached(b, file, `line v${GEN_VERSION} ${messages} ${changes}`, (path) => writeLineExport(path, { messages, changes }));
}

export function chatworkList(b: Bench, messages: number): WrittenExport {
  const file = `room-${CHATWORK_ROOM_ID}-${countLabel(messages)}.json`;
  return cached(b, file, `chatwork v${GEN_VERSION} ${messages}`, (path) => writeChatworkList(path, messages));
}
