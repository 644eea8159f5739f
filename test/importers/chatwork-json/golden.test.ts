import { describe } from 'vitest';
import { chatworkJsonImporter } from '../../../src/importers/chatwork-json/index.js';
import { goldenCases } from '../paste/support.js';

describe('chatwork-json golden cases (test/fixtures/chatwork/*/input.json)', () => {
  goldenCases('test/fixtures/chatwork', (file) => (file.endsWith('.json') ? chatworkJsonImporter : null));
});
