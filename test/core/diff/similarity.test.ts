import { describe, expect, it } from 'vitest';
import { EDIT_SIMILARITY_MIN, similarity } from '../../../src/core/diff/index.js';

describe('similarity', () => {
  it('is 1 for equal texts and symmetric', () => {
    expect(similarity('了解です', '了解です')).toBe(1);
    expect(similarity('見積書を送りました', '請求書を送ります')).toBe(similarity('請求書を送ります', '見積書を送りました'));
  });

  it('keeps the usual edits above the threshold', () => {
    expect(similarity('はい、15万円でお願いします。', 'はい、10万円でお願いします。')).toBeGreaterThanOrEqual(EDIT_SIMILARITY_MIN);
    expect(similarity('納期は3/10です', '納期は3/10です。よろしくお願いします')).toBeGreaterThanOrEqual(EDIT_SIMILARITY_MIN);
    expect(similarity('OK', 'OK!')).toBeGreaterThanOrEqual(EDIT_SIMILARITY_MIN);
  });

  it('keeps unrelated texts below it', () => {
    expect(similarity('修正は2回まで無料です', 'ありがとうございました')).toBeLessThan(EDIT_SIMILARITY_MIN);
    expect(similarity('はい', 'いいえ')).toBeLessThan(EDIT_SIMILARITY_MIN);
    expect(similarity('', '[スタンプ]')).toBe(0);
  });
});
