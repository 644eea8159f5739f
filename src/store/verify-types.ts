import { render, type Phrase } from '../i18n/message.js';

/**
 * One finding of `verify`: what kind, where (table/row or entry), expected and actual values.
 * Hashes and stored values are plain strings; what is said in words is a catalog message.
 */
export interface Problem {
  readonly kind: string;
  readonly where: string | Phrase;
  readonly expected: string | Phrase;
  readonly actual: string | Phrase;
}

/** A problem as `--json` carries it: in English, as every `--json` text (docs/json.md). */
export function problemInEnglish(p: Problem): { kind: string; where: string; expected: string; actual: string } {
  return { kind: p.kind, where: render('en', p.where), expected: render('en', p.expected), actual: render('en', p.actual) };
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly entries: number;
  readonly captures: number;
  readonly messages: number;
  readonly blobs: number;
  readonly problems: readonly Problem[];
}

export type VerifyProgress = (phase: string, done: number, total: number) => void;
