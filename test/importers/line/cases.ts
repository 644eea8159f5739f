/**
 * The golden cases of test/fixtures/line/<case-named-for-its-quirk>/: input.txt (raw bytes, any
 * encoding), expected.json (the whole outcome), options.json (optional ParseOptions, e.g. members).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from '../../../src/i18n/message.js';
import type { ParseOptions, ParseOutcome } from '../../../src/importers/importer.js';

export const FIXTURES = 'test/fixtures/line';

export function caseNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => existsSync(join(FIXTURES, name, 'input.txt')))
    .sort();
}

export function caseBytes(name: string): Uint8Array {
  return readFileSync(join(FIXTURES, name, 'input.txt'));
}

export function caseOptions(name: string): Partial<ParseOptions> {
  const path = join(FIXTURES, name, 'options.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Partial<ParseOptions>) : {};
}

export function goldenPath(name: string): string {
  return join(FIXTURES, name, 'expected.json');
}

/** The outcome as plain JSON: warnings and errors in English, errors as their category, message, where and hint. */
export function outcomeView(outcome: ParseOutcome): unknown {
  if (outcome.ok) {
    const warnings = outcome.result.warnings.map((w) => ({ ...w, message: render('en', w.message) }));
    return JSON.parse(JSON.stringify({ ok: true, result: { ...outcome.result, warnings } })) as unknown;
  }
  const { category, message, where, hint } = outcome.error;
  return JSON.parse(JSON.stringify({ ok: false, error: { category, message, where, hint } })) as unknown;
}
