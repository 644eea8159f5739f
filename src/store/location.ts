import { homedir } from 'node:os';
import { join } from 'node:path';

/** Default archive path per docs/design/cli-contract.md "Global": the user's data folder, per platform. */
export function defaultArchivePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'chatproof', 'archive.db');
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'chatproof', 'archive.db');
  const base = env['XDG_DATA_HOME'] && env['XDG_DATA_HOME'].length > 0 ? env['XDG_DATA_HOME'] : join(homedir(), '.local', 'share');
  return join(base, 'chatproof', 'archive.db');
}

/** `--db` wins, then CHATPROOF_DB, then the default. */
export function resolveArchivePath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag && flag.length > 0) return flag;
  const fromEnv = env['CHATPROOF_DB'];
  if (fromEnv && fromEnv.length > 0) return fromEnv;
  return defaultArchivePath(env);
}
