import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenario } from '../report/helpers.js';

/**
 * Beside the scenario's first export, one of the same room saved a week later whose last message
 * (19:45 on 03-05) is gone: after the newest message it shows, but inside its window (a full export
 * is complete up to its 保存日時), so the message reads "deleted". Returns its path, in `dir`.
 */
export function deletedLastExport(dir: string): string {
  const later = join(dir, 'deleted-last.txt');
  const text = readFileSync(scenario(1), 'utf8').replace('保存日時：2024/03/05 20:00', '保存日時：2024/03/12 22:00');
  writeFileSync(later, text.replace('19:45\t山田太郎\t了解です\n', ''));
  return later;
}
