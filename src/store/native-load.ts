import { sep } from 'node:path';
import { ArchiveError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import { packageRoot } from '../paths.js';

/**
 * better-sqlite3's compiled part did not load: a binary built for another Node.js or system, one
 * missing for this platform, or a damaged install. That is the installation's trouble (exit 4)
 * with a command that fixes it, not a bug in chatproof with a stack trace.
 */
export function nativeLoadFailure(e: unknown): ArchiveError | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  const text = e instanceof Error ? e.message : String(e);
  const native = code === 'ERR_DLOPEN_FAILED' || (code === 'MODULE_NOT_FOUND' && /better_sqlite3|\.node\b/.test(text));
  if (!native) return undefined;
  // Installed as a package, reinstalling brings the binary for this Node; a checkout reinstalls its dependencies.
  const command = packageRoot.includes(`${sep}node_modules${sep}`) ? 'npm install -g chatproof' : 'npm ci';
  return new ArchiveError(
    msg('environment.native-load', { system: `Node.js ${process.version}, ${process.platform}-${process.arch}`, reason: text.split('\n')[0] ?? text }),
    {
      hint: msg('environment.native-load.hint', { command }),
      cause: e,
    },
  );
}
