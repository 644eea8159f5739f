import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Opens the address in the default browser through a small file that redirects to it, so that the
 * token is never on a command line another user of the machine can list (`ps`). The file is
 * readable by this user only and removed once the browser had time to read it.
 */
export async function openInBrowser(url: string): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'chatproof-ui-'));
  const file = join(dir, 'open.html');
  writeFileSync(file, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${url}"><a href="${url}">chatproof</a>\n`, {
    mode: 0o600,
  });
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [file]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', file]] : ['xdg-open', [file]];
  const opened = await new Promise<boolean>((resolve) => {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
  setTimeout(() => rmSync(dir, { recursive: true, force: true }), 30_000).unref();
  return opened;
}
