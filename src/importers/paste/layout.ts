/**
 * Where messages start in a pasted thread. The four accepted layouts (FORMAT.md "Layouts") differ
 * only in how the name and the time sit before the body. One paste uses one layout: it is decided
 * by the first header found, and lines of the other shapes are body text after that — a body
 * that quotes a differently shaped header can then not split the thread.
 */
import { msg, type Phrase } from '../../i18n/message.js';
import { isNameLine, type PastedStamp, readDateLine, readNameThenStamp, readStampThenName, readTimeLine } from './timestamp.js';

export type LayoutKind = 'stamp-then-name' | 'name-then-stamp' | 'time-then-name' | 'name-then-time';

export interface Header {
  /** 0-based index of the header's first line. */
  readonly line: number;
  /** 0-based index of the line holding the time (shown as the layout example). */
  readonly stampLine: number;
  readonly bodyStart: number;
  /** The name as shown, role label included. */
  readonly shownName: string;
  readonly stamp: PastedStamp;
}

/** Tried in this order at each line; a one-line header also looks like a name line, so it comes first. */
const KINDS: readonly LayoutKind[] = ['stamp-then-name', 'name-then-stamp', 'time-then-name', 'name-then-time'];

export function headerAt(lines: readonly string[], i: number, kind: LayoutKind): Header | null {
  const line = lines[i] ?? '';
  const next = lines[i + 1];
  switch (kind) {
    case 'stamp-then-name':
    case 'name-then-stamp': {
      const h = kind === 'stamp-then-name' ? readStampThenName(line) : readNameThenStamp(line);
      return h === null ? null : { line: i, stampLine: i, bodyStart: i + 1, shownName: h.name, stamp: h.stamp };
    }
    case 'time-then-name': {
      const stamp = readTimeLine(line);
      if (stamp === null || next === undefined || !isNameLine(next)) return null;
      return { line: i, stampLine: i, bodyStart: i + 2, shownName: next, stamp };
    }
    case 'name-then-time': {
      const stamp = next === undefined ? null : readTimeLine(next);
      if (stamp === null || !isNameLine(line)) return null;
      return { line: i, stampLine: i + 1, bodyStart: i + 2, shownName: line, stamp };
    }
  }
}

export function isBlank(line: string): boolean {
  return /^[ \t\u3000\u00a0]*$/.test(line);
}

/** The layout of the first header in the text, skipping blank and date lines; null if none. */
export function detectLayout(lines: readonly string[]): LayoutKind | null {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (isBlank(line) || readDateLine(line) !== null) continue;
    const kind = KINDS.find((k) => headerAt(lines, i, k) !== null);
    if (kind !== undefined) return kind;
  }
  return null;
}

/** Every header of `kind`, in order; a header's own lines are never the start of another. */
export function findHeaders(lines: readonly string[], kind: LayoutKind): Header[] {
  const headers: Header[] = [];
  for (let i = 0; i < lines.length;) {
    const h = headerAt(lines, i, kind);
    if (h === null) {
      i += 1;
      continue;
    }
    headers.push(h);
    i = h.bodyStart;
  }
  return headers;
}

/**
 * Date separator lines (`2024年3月1日(金)`) directly above a header, blank lines between allowed.
 * Only those count: a date line followed by more text is body text and stays in the body.
 */
export function separatorsAbove(lines: readonly string[], header: Header, floor: number): number[] {
  const found: number[] = [];
  for (let j = header.line - 1; j >= floor; j -= 1) {
    const line = lines[j] ?? '';
    if (isBlank(line)) continue;
    if (readDateLine(line) === null) break;
    found.unshift(j);
  }
  return found;
}

export function describeLayout(kind: LayoutKind, example: string): Phrase {
  return msg(`paste.layout.${kind}`, { example: example.trim() });
}
