/**
 * Test helpers shared by the chatwork-json, chatwork-text, crowdworks and lancers tests: UTF-8
 * inputs as the importers see them, and golden cases under test/fixtures/<source>/<case>/.
 * Goldens are rewritten only on purpose: `UPDATE_GOLDEN=1 npx vitest run test/importers/…`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { render } from '../../../src/i18n/message.js';
import type { DecodedInput, Importer, ParseOptions, ParseOutcome } from '../../../src/importers/importer.js';

export const OPTIONS: ParseOptions = { tz: 'Asia/Tokyo', members: [], roomTitle: null };

export function decoded(text: string, name: string | null = 'paste.txt'): DecodedInput {
  const bytes = new TextEncoder().encode(text);
  return { bytes, text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8', name, decodeWarnings: [] };
}

/** A JSON-friendly view of an outcome: errors as their message, where and hint; catalog texts in English. */
export function outcomeView(outcome: ParseOutcome): unknown {
  if (outcome.ok) {
    const { warnings, inferred } = outcome.result;
    return {
      ok: true,
      result: {
        ...outcome.result,
        warnings: warnings.map((w) => ({ ...w, message: render('en', w.message) })),
        inferred: inferred === null ? null : { ...inferred, layout: render('en', inferred.layout) },
      },
    };
  }
  const { message, where, hint } = outcome.error;
  return { ok: false, error: { category: outcome.error.category, message, where, hint } };
}

interface GoldenFile {
  readonly inputName: string | null;
  readonly outcome?: unknown;
}

/** One `it` per case folder; `importerFor` picks the importer from the input file name. */
export function goldenCases(fixtureDir: string, importerFor: (inputFile: string) => Importer | null): void {
  for (const name of readdirSync(fixtureDir).sort()) {
    const dir = join(fixtureDir, name);
    const inputFile = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith('input.')) : undefined;
    const importer = inputFile === undefined ? null : importerFor(inputFile);
    if (inputFile === undefined || importer === null) continue;
    it(`golden: ${name}`, () => {
      const goldenPath = join(dir, 'expected.json');
      const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as GoldenFile;
      const text = readFileSync(join(dir, inputFile), 'utf8');
      const input = decoded(text, golden.inputName);
      const view = JSON.parse(JSON.stringify(outcomeView(importer.parse(input, OPTIONS)))) as unknown;
      if (process.env['UPDATE_GOLDEN'] === '1') {
        writeFileSync(goldenPath, `${JSON.stringify({ inputName: golden.inputName, outcome: view }, null, 2)}\n`);
        return;
      }
      expect(golden.outcome, `${goldenPath} has no outcome yet: run with UPDATE_GOLDEN=1 and review it`).toBeDefined();
      expect(view).toEqual(golden.outcome);
    });
  }
}
