export type Lang = 'ja' | 'en';

/** cli-contract.md: the terminal follows the locale (LC_ALL, LC_MESSAGES, LANG starting with `ja`). */
export function terminalLang(env: NodeJS.ProcessEnv): Lang {
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Picks the text for the user's language; both are written side by side at the call site. */
export function t(lang: Lang, text: { ja: string; en: string }): string {
  return text[lang];
}
