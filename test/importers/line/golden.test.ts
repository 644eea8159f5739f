/**
 * Golden cases (cases.ts): each input's whole outcome must equal its expected.json. Goldens are
 * rewritten only on purpose, `UPDATE_GOLDEN=1 npx vitest run test/importers/line/golden`, and the
 * diff reviewed before committing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lineImporter } from '../../../src/importers/line/index.js';
import { decodeAndParse } from '../../support/conformance.js';
import { caseBytes, caseNames, caseOptions, goldenPath, outcomeView } from './cases.js';

describe('LINE golden cases (test/fixtures/line/*)', () => {
  for (const name of caseNames()) {
    it(name, () => {
      const view = outcomeView(decodeAndParse(lineImporter, caseBytes(name), 'input.txt', caseOptions(name)));
      const path = goldenPath(name);
      if (process.env['UPDATE_GOLDEN'] === '1') {
        writeFileSync(path, `${JSON.stringify(view, null, 2)}\n`);
        return;
      }
      expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
      expect(view).toEqual(JSON.parse(readFileSync(path, 'utf8')));
    });
  }
});
