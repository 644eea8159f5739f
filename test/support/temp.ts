import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp folder with an archive path in it; `cleanup()` removes it. */
export function tempArchive(): { dir: string; db: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'chatproof-test-'));
  return { dir, db: join(dir, 'archive.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
