import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { ArchiveError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import { AtomicFile } from '../output/index.js';

/**
 * The archive's settings live in a small JSON file beside it (`archive.db` → `archive.config.json`),
 * not in the archive: a setting is not evidence, so it stays out of the hash-chained log, and a
 * command that only reads settings need not open or migrate the database. Beside, not in a global
 * config folder, so that each archive (`--db`) keeps its own TSA and a folder copied as a backup
 * carries it along.
 */
export interface Settings {
  /** A preset name or an http(s) URL (src/timestamp/presets.ts): stamping after each capture is then the default. */
  readonly tsa?: string;
  /** Absolute path of the certificate file `--tsa-cert` would name. */
  readonly tsaCert?: string;
  /** The folders the web app watches (absolute paths): watched again when it next starts. */
  readonly watch?: readonly string[];
}

export const SETTING_KEYS = ['tsa', 'tsa-cert'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export function settingsPath(dbPath: string, cwd: string): string {
  const db = resolve(cwd, dbPath);
  return join(dirname(db), `${basename(db, extname(db))}.config.json`);
}

export function readSettings(path: string): Settings {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ArchiveError(msg('archive.settings-broken'), { where: path, hint: msg('archive.settings-broken.hint'), cause: e });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ArchiveError(msg('archive.settings-broken'), { where: path, hint: msg('archive.settings-broken.hint') });
  const o = parsed as Record<string, unknown>;
  const watch = Array.isArray(o['watch']) ? o['watch'].filter((f): f is string => typeof f === 'string') : [];
  return {
    ...(typeof o['tsa'] === 'string' ? { tsa: o['tsa'] } : {}),
    ...(typeof o['tsaCert'] === 'string' ? { tsaCert: o['tsaCert'] } : {}),
    ...(watch.length > 0 ? { watch } : {}),
  };
}

/** Written whole or not at all (src/output's AtomicFile): a crash never leaves half a file. */
export function writeSettings(path: string, settings: Settings): void {
  const out = new AtomicFile(path);
  try {
    out.write(Buffer.from(`${JSON.stringify(settings, null, 2)}\n`, 'utf8'));
    out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
}

/** Changes one part of the settings and writes them back; the others are kept as they are. */
export function updateSettings(path: string, change: (s: Settings) => Settings): Settings {
  const next = change(readSettings(path));
  writeSettings(path, next);
  return next;
}

/**
 * The TSA set to `tsa` (undefined: none). A certificate (`tsa-cert`) set while another TSA was
 * set was that TSA's trust anchor: kept, every token of the new one would be checked against it and
 * fail, so it goes with the TSA it was set for, and `dropped` names it so the person is told. Set
 * while no TSA was (`config set tsa-cert` first, then `tsa`), it is kept: it was chosen for the next one.
 */
export function withTsa(settings: Settings, tsa: string | undefined): { readonly next: Settings; readonly dropped: string | null } {
  const { tsa: before, tsaCert, ...rest } = settings;
  const stale = tsaCert !== undefined && before !== undefined && tsa !== undefined && tsa !== before;
  return {
    next: { ...rest, ...(tsa === undefined ? {} : { tsa }), ...(tsaCert === undefined || stale ? {} : { tsaCert }) },
    dropped: stale ? tsaCert : null,
  };
}

/** The folders to watch from now on, kept for the next run; none removes the setting. */
export function rememberWatched(path: string, folders: readonly string[]): void {
  updateSettings(path, (s) => {
    const next: { -readonly [K in keyof Settings]: Settings[K] } = { ...s };
    if (folders.length === 0) delete next.watch;
    else next.watch = [...folders];
    return next;
  });
}
