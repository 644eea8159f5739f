import { describe } from 'vitest';
import { crowdworksImporter } from '../../../src/importers/crowdworks/index.js';
import { goldenCases } from '../paste/support.js';

describe('crowdworks golden cases (test/fixtures/crowdworks)', () => {
  goldenCases('test/fixtures/crowdworks', () => crowdworksImporter);
});
