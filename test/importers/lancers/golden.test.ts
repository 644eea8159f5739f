import { describe } from 'vitest';
import { lancersImporter } from '../../../src/importers/lancers/index.js';
import { goldenCases } from '../paste/support.js';

describe('lancers golden cases (test/fixtures/lancers)', () => {
  goldenCases('test/fixtures/lancers', () => lancersImporter);
});
