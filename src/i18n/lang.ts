export type Lang = 'ja' | 'en';

/** The language a locale name stands for: `ja`, `ja_JP.UTF-8`, `ja-JP` → ja; anything else → en. */
function langOfLocale(locale: string): Lang {
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/**
 * The locale the system reports where the POSIX variables say nothing (Windows; macOS apps started
 * outside a terminal). Asked only then: the first Intl call loads ICU (~10 ms).
 */
function systemLocale(): string {
  return Intl.DateTimeFormat().resolvedOptions().locale;
}

/**
 * The language of human output (docs/design/cli-contract.md): `--lang`, then `CHATPROOF_LANG`, then the
 * locale (LC_ALL, LC_MESSAGES, LANG, the first one set and not empty, as POSIX reads them), then
 * the system's own locale. A value of CHATPROOF_LANG that names neither language is passed over.
 */
export function resolveLang(flag: string | undefined, env: NodeJS.ProcessEnv, osLocale: () => string = systemLocale): Lang {
  if (flag === 'ja' || flag === 'en') return flag;
  const chosen = (env['CHATPROOF_LANG'] ?? '').toLowerCase();
  if (chosen.startsWith('ja') || chosen.startsWith('en')) return langOfLocale(chosen);
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'];
  return langOfLocale(locale || osLocale());
}

/**
 * `--lang` as written on a command line, read before commander parses it: the help and commander's
 * own errors are written in the language it names. The last one given wins, as commander has it.
 */
export function langFlagIn(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang') found = argv[i + 1];
    else if (a.startsWith('--lang=')) found = a.slice('--lang='.length);
  }
  return found;
}
