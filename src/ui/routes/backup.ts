import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { textsIn } from '../../i18n/message.js';
import type { UiDeps, UiEnv } from '../env.js';
import { page } from '../layout.js';

/** The archive's date in the file name, so that successive backups sit side by side. */
function backupName(): string {
  return `chatproof-backup-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.db`;
}

export function backupRoutes(app: Hono<UiEnv>, deps: UiDeps): void {
  app.get('/backup', (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    const body = deps.workspace.exists()
      ? html`<p>${tx('ui.backup.intro')}</p>
          <p><a class="button" href="/backup/download" download>${tx('ui.backup.download')}</a></p>`
      : html`<p>${tx('ui.backup.none')}</p>`;
    return c.html(page(lang, '/backup', tx('ui.backup.title'), body));
  });

  // A GET that leaves nothing behind: the copy is made in a private temporary folder, streamed
  // (an archive can be larger than the memory one should hold), and removed once sent or dropped.
  app.get('/backup/download', async (c) => {
    const dir = mkdtempSync(join(tmpdir(), 'chatproof-backup-'));
    const remove = (): void => rmSync(dir, { recursive: true, force: true });
    try {
      const file = join(dir, 'archive.db');
      await deps.workspace.backup(file);
      const stream = createReadStream(file);
      stream.once('close', remove);
      return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, {
        'Content-Type': 'application/vnd.sqlite3',
        'Content-Length': String(statSync(file).size),
        'Content-Disposition': `attachment; filename="${backupName()}"`,
      });
    } catch (e) {
      remove();
      throw e;
    }
  });
}
