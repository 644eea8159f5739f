import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ArchiveError, UsageError } from '../core/errors.js';
import { DEFAULT_TZ, isValidZone } from '../core/time.js';
import { ZoneTime } from '../core/zone-time.js';
import { Archive } from '../store/archive.js';
import { defaultArchivePath, resolveArchivePath } from '../store/location.js';
import type { Io } from './io.js';
import { visible } from './visible.js';
import { jsonDocument } from './json-shapes.js';
import { resolveLang, type Lang } from '../i18n/lang.js';
import type { MessageKey } from '../i18n/catalog.js';
import { msg, render, type Phrase, type ParamsArg } from '../i18n/message.js';

export interface GlobalOptions {
  readonly db?: string;
  readonly json?: boolean;
  readonly tz?: string;
  readonly lang?: string;
}

/** What every command gets: its io, the resolved global options, and a way to open the archive. */
export class Context {
  readonly json: boolean;
  readonly tz: string;
  /** Whether --tz was given, rather than the default (`reparse` then reads in the zone its capture was kept in). */
  readonly tzGiven: boolean;
  readonly lang: Lang;
  /** Whether --lang was given, rather than taken from the locale (reports default to Japanese). */
  readonly langGiven: boolean;
  readonly dbPath: string;
  private readonly opened: Archive[] = [];
  private zoneTime: ZoneTime | undefined;

  constructor(
    readonly io: Io,
    opts: GlobalOptions,
  ) {
    this.json = opts.json ?? false;
    this.tz = opts.tz ?? DEFAULT_TZ;
    this.tzGiven = opts.tz !== undefined;
    // Only a zone the user named needs checking: the check is the process's first Intl call,
    // ~10 ms of ICU loading that commands which never convert a time (verify, rooms) need not pay.
    if (opts.tz !== undefined && !isValidZone(opts.tz)) {
      throw new UsageError(msg('usage.unknown-zone', { zone: this.tz }), { hint: msg('usage.unknown-zone.hint') });
    }
    // commander has checked --lang against its choices.
    this.lang = resolveLang(opts.lang, io.env);
    this.langGiven = opts.lang !== undefined;
    this.dbPath = resolveArchivePath(opts.db, io.env);
  }

  /**
   * Opens the archive. Only the commands that create evidence (import, sync) pass `create`: any
   * other command on a mistyped --db would otherwise leave a new, empty archive behind.
   */
  archive(options: { readonly?: boolean; create?: boolean } = {}): Archive {
    if (options.create !== true && !existsSync(resolve(this.io.cwd, this.dbPath))) {
      throw new ArchiveError(msg('archive.missing', { path: this.dbPath }), {
        hint: msg('archive.missing.hint', { fallback: defaultArchivePath(this.io.env) }),
      });
    }
    const busy = Number(this.io.env['CHATPROOF_BUSY_TIMEOUT_MS'] ?? '');
    const a = Archive.open(this.dbPath, { readonly: options.readonly ?? false, ...(busy > 0 ? { busyTimeoutMs: busy } : {}) });
    this.opened.push(a);
    return a;
  }

  close(): void {
    for (const a of this.opened) a.close();
  }

  /** A catalog text in the user's language. */
  text<K extends MessageKey>(key: K, ...params: ParamsArg<K>): string {
    return render(this.lang, msg(key, ...params));
  }

  /** A message made elsewhere (an error's hint, an importer's warning), in the user's language. */
  words(m: Phrase | string): string {
    return render(this.lang, m);
  }

  /** An instant in the archive's zone (--tz), named as the report names it: `2024-03-05 20:00 JST`. */
  time(iso: string, seconds = false): string {
    this.zoneTime ??= new ZoneTime(this.tz);
    return this.zoneTime.write(iso, seconds);
  }

  /**
   * Human output (stdout, or stderr under --json so that stdout stays one JSON document), in
   * `color` on a terminal. Every line goes through visible(): a room title, a file name or a
   * message body never reaches the terminal as an escape sequence it would obey.
   */
  say(line: string, color?: number): void {
    const shown = visible(line, { keepLines: true });
    (this.json ? this.io.stderr : this.io.stdout).write((color === undefined ? shown : this.paint(color, shown)) + '\n');
  }

  /** Diagnostics: always stderr, made visible like say(). */
  warn(line: string): void {
    this.io.stderr.write(visible(line, { keepLines: true }) + '\n');
  }

  /** Whether a `--json` document is on stdout already: an error after it is not a second document. */
  jsonWritten = false;

  /** The command's `--json` document on stdout, with the `version` every document carries. */
  printJson(doc: object): void {
    this.io.stdout.write(JSON.stringify(jsonDocument(doc), null, 2) + '\n');
    this.jsonWritten = true;
  }

  /**
   * A `--json` document whose `key` array is written as it is made, a batch at a time (the
   * messages of a room of a million), byte for byte as printJson prints the whole document:
   * `before` holds the keys that come before the array, `after` those after it.
   */
  printJsonWithList(before: object, key: string, batches: Iterable<readonly object[]>, after: object): void {
    const out = this.io.stdout;
    const head = JSON.stringify(jsonDocument(before), null, 2);
    out.write(`${head.slice(0, -2)},\n  ${JSON.stringify(key)}: [`);
    this.jsonWritten = true;
    let first = true;
    for (const batch of batches) {
      let text = '';
      for (const item of batch) {
        text += `${first ? '\n' : ',\n'}    ${JSON.stringify(item, null, 2).replace(/\n/g, '\n    ')}`;
        first = false;
      }
      out.write(text);
    }
    const tail = JSON.stringify(after, null, 2);
    out.write(`${first ? ']' : '\n  ]'}${tail === '{}' ? '\n}' : `,\n${tail.slice(2)}`}\n`);
  }

  /** One of a repeating command's documents, one per line (`sync --every`). */
  printJsonLine(doc: object): void {
    this.io.stdout.write(JSON.stringify(jsonDocument(doc)) + '\n');
    this.jsonWritten = true;
  }

  get color(): boolean {
    return !this.json && this.io.stdout.isTTY === true && !('NO_COLOR' in this.io.env);
  }

  private paint(code: number, s: string): string {
    return this.color ? `\x1b[${code}m${s}\x1b[0m` : s;
  }
}

/** The global options, added to every command so they work before or after the command name. */
export function addGlobalOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .addOption(new Option('--db <path>', render(lang, msg('help.global.db'))))
    .addOption(new Option('--json', render(lang, msg('help.global.json'))))
    .addOption(new Option('--tz <zone>', render(lang, msg('help.global.tz'))))
    .addOption(new Option('--lang <lang>', render(lang, msg('help.global.lang'))).choices(['ja', 'en']));
}
