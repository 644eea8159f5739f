/**
 * `--format auto` (src/importers/detect.ts) stops at the first sniff that reaches
 * SIGNATURE_CONFIDENCE. That picks what asking every importer would pick only while no sniff goes
 * above it: checked on every fixture, with every importer asked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { decodeInput } from '../../src/importers/decode.js';
import { detectFormat } from '../../src/importers/detect.js';
import { SIGNATURE_CONFIDENCE, type DecodedInput, type Importer } from '../../src/importers/importer.js';
import { importers } from '../../src/importers/registry.js';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

function decoded(path: string): DecodedInput | null {
  try {
    return decodeInput(readFileSync(path), path);
  } catch (e) {
    if (e instanceof InputError) return null;
    throw e;
  }
}

/** The first of the most confident, every importer asked; null where all decline. */
function mostConfident(input: DecodedInput): Importer | null {
  let best: { importer: Importer; confidence: number } | null = null;
  for (const importer of importers) {
    const { confidence } = importer.sniff(input);
    expect(confidence).toBeLessThanOrEqual(SIGNATURE_CONFIDENCE);
    if (confidence > (best?.confidence ?? 0)) best = { importer, confidence };
  }
  return best?.importer ?? null;
}

describe('detectFormat', () => {
  it('picks on every fixture what asking every importer picks, and no sniff goes above the signature', () => {
    let signatures = 0;
    let checked = 0;
    for (const path of files('test/fixtures')) {
      const input = decoded(path);
      if (input === null) continue;
      const expected = mostConfident(input);
      if (expected === null) {
        expect(() => detectFormat(input, importers, path)).toThrow(InputError);
        continue;
      }
      expect(detectFormat(input, importers, path).importer, path).toBe(expected);
      if (expected.sniff(input).confidence === SIGNATURE_CONFIDENCE) signatures++;
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
    expect(signatures).toBeGreaterThan(10);
  });
});
