import { describe } from 'vitest';
import { chatworkTextImporter } from '../../../src/importers/chatwork-text/index.js';
import { goldenCases } from '../paste/support.js';

describe('chatwork-text golden cases (test/fixtures/chatwork/*/input.txt)', () => {
  goldenCases('test/fixtures/chatwork', (file) => (file.endsWith('.txt') ? chatworkTextImporter : null));
});
