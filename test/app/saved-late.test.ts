import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { previewCapture } from '../../src/app/preview-capture.js';
import { SAVED_AFTER_IMPORT, savedAfterReading } from '../../src/app/saved-late.js';
import { render } from '../../src/i18n/message.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';

// An export cannot have been saved after it was read; its stated 保存日時 places the capture in the
// room's history (docs/design/evidence-model.md P12), so a future one is told before it is stored.
const original = readFileSync(join('test', 'fixtures', 'scenarios', 'line-unsend-and-delete', 'capture-2.txt'), 'utf8');
const future = original.replace('保存日時：2024/03/12 22:00', '保存日時：2099/03/12 22:00');

describe('an export saved after it was read', () => {
  const t = tempArchive();
  afterAll(() => t.cleanup());

  it('is a warning past ten minutes of clock slack, naming both times in the zone it was read in', () => {
    const now = Date.parse('2026-12-08T01:00:00Z');
    expect(savedAfterReading('2026-12-08T10:09:00+09:00', 2, 'Asia/Tokyo', now)).toBeNull();
    expect(savedAfterReading('2026-12-08T10:10:00+09:00', 2, 'Asia/Tokyo', now)).toBeNull();
    expect(savedAfterReading(null, null, 'Asia/Tokyo', now)).toBeNull();
    const late = savedAfterReading('2026-12-08T10:10:01+09:00', 2, 'Asia/Tokyo', now);
    expect(late?.line).toBe(2);
    expect(late?.code).toBe(SAVED_AFTER_IMPORT);
    expect(render('en', late!.message)).toContain('saved 2026-12-08 10:10:01 JST, which is after now (2026-12-08 10:00 JST)');
  });

  it('the web app shows it in the preview, before anything is stored', async () => {
    const p = await previewCapture({ bytes: Buffer.from(future), name: 'talk.txt', where: 'talk.txt', tz: 'Asia/Tokyo' });
    expect(p.warnings.filter((w) => w.code === SAVED_AFTER_IMPORT).map((w) => w.line)).toEqual([2]);
    const today = await previewCapture({ bytes: Buffer.from(original), name: 'talk.txt', where: 'talk.txt', tz: 'Asia/Tokyo' });
    expect(today.warnings.some((w) => w.code === SAVED_AFTER_IMPORT)).toBe(false);
  });

  it('import stores it as it is, says so on stderr at its line in both languages, and lists it in --json', async () => {
    const file = join(t.dir, 'future.txt');
    writeFileSync(file, future);
    const ja = await cli(['import', file, '--json', '--db', t.db], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(ja.code).toBe(0);
    expect(ja.stderr).toContain(`${file}:2: 注意: このエクスポートの保存日時は 2099-03-12 22:00 JST で、現在`);
    const doc = ja.json<{ capture: { asOf: string }; warnings: { code?: string; line: number | null }[] }>();
    expect(doc.capture.asOf).toBe('2099-03-12T22:00:00+09:00');
    expect(doc.warnings.filter((w) => w.code === SAVED_AFTER_IMPORT)).toHaveLength(1);
    const en = await cli(['import', file, '--db', t.db], { env: { LANG: 'en_US.UTF-8' } });
    expect(en.stderr).toContain(`${file}:2: warning: the export says it was saved 2099-03-12 22:00 JST, which is after now`);
  });
});
