import type { Command, Option } from 'commander';
import type { Lang } from '../i18n/lang.js';
import { msg, render, type Phrase } from '../i18n/message.js';

const HEADINGS: Readonly<Record<string, Phrase>> = {
  'Usage:': msg('cli.heading.usage'),
  'Arguments:': msg('cli.heading.arguments'),
  'Options:': msg('cli.heading.options'),
  'Commands:': msg('cli.heading.commands'),
  'Global Options:': msg('cli.heading.global-options'),
};

/**
 * Commander writes its help frame and its errors in English; these hooks put them in the user's
 * language: headings, the default and choices notes, help and version options, and errors.
 */
export function speak(cmd: Command, lang: Lang): Command {
  return cmd
    .helpOption('-h, --help', render(lang, msg('cli.help-option')))
    .configureHelp({
      styleTitle: (title: string) => (HEADINGS[title] === undefined ? title : render(lang, HEADINGS[title])),
      optionDescription: (option: Option) => describeOption(option, lang),
      displayWidth,
      boxWrap,
    })
    .configureOutput({ outputError: (text, write) => write(commanderError(text, lang) + '\n') });
}

/** East Asian wide and full-width characters take two columns of a terminal: help wraps by columns. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/gu;

function displayWidth(text: string): number {
  const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
  return plain.length + (plain.match(WIDE)?.length ?? 0);
}

/** Characters a Japanese line does not start with (kinsoku): closing marks and the long-vowel mark. */
const NO_LINE_START = /^[、。，．）」』】〕！？：；ー]/u;

/**
 * Commander wraps only at spaces, which Japanese text has few of: a line may also break between
 * two wide characters, but not before a closing mark. Words of ASCII stay whole.
 */
function boxWrap(text: string, width: number): string {
  if (width < 40) return text;
  return text
    .split('\n')
    .map((line) => {
      const pieces = line.match(/\s*[\x21-\x7e]+|\s*[^\s]/gu) ?? [];
      const lines: string[] = [];
      let current = '';
      for (const piece of pieces) {
        const joined = current + piece;
        if (current !== '' && displayWidth(joined) > width && !NO_LINE_START.test(piece.trimStart())) {
          // Nor does a line end with an opening mark: it moves down with what it opens.
          const opening = /[（「『【〔]$/u.exec(current)?.[0] ?? '';
          lines.push(current.slice(0, current.length - opening.length).trimEnd());
          current = opening + piece.trimStart();
        } else current = joined;
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}

/** Commander's own rule for the notes after a description, in the user's words; an empty list is no default. */
function describeOption(option: Option, lang: Lang): string {
  const notes: string[] = [];
  if (option.argChoices) notes.push(render(lang, msg('cli.help.choices', { choices: option.argChoices.join(', ') })));
  const value: unknown = option.defaultValue;
  const hasDefault = value !== undefined && (option.required || option.optional) && !(Array.isArray(value) && value.length === 0);
  if (hasDefault) notes.push(render(lang, msg('cli.help.default', { value: option.defaultValueDescription ?? String(value) })));
  return [option.description, ...notes].filter((s) => s !== '').join(' ');
}

/** Commander's error texts (commander 14, lib/command.js), read back into catalog messages. */
const COMMANDER_ERRORS: readonly [RegExp, (m: RegExpMatchArray) => Phrase][] = [
  [/^error: unknown option '(.*?)'/, (m) => msg('cli.error.unknown-option', { flag: m[1]! })],
  [/^error: unknown command '(.*?)'/, (m) => msg('cli.error.unknown-command', { name: m[1]! })],
  [/^error: missing required argument '(.*?)'/, (m) => msg('cli.error.missing-argument', { name: m[1]! })],
  [/^error: option '(.*?)' argument missing/, (m) => msg('cli.error.option-missing-value', { flags: m[1]! })],
  [
    /^error: too many arguments(?: for '.*?')?\. Expected (\d+) arguments? but got (\d+)\./,
    (m) => msg('cli.error.too-many-arguments', { expected: Number(m[1]), got: Number(m[2]) }),
  ],
  [
    /^error: option '(.*?)' argument '(.*?)' is invalid\. Allowed choices are (.*)\.$/m,
    (m) => msg('cli.error.invalid-choice', { flags: m[1]!, value: m[2]!, choices: m[3]! }),
  ],
];

/** A commander error as the user reads it: its catalog key (the `--json` error code) and its words. */
export function describeCommanderError(text: string, lang: Lang): { code: string; message: string } {
  const trimmed = text.trimEnd();
  const found =
    COMMANDER_ERRORS.map(([re, make]) => {
      const m = trimmed.match(re);
      return m ? make(m) : null;
    }).find((m) => m !== null) ?? msg('cli.error.other', { text: trimmed.replace(/^error: /, '') });
  return { code: found.key, message: render(lang, found) };
}

function commanderError(text: string, lang: Lang): string {
  const said = describeCommanderError(text, lang).message;
  const suggestion = text.trimEnd().match(/\(Did you mean (?:one of )?(.*)\?\)$/);
  return `chatproof: ${said}` + (suggestion ? `\n${render(lang, msg('cli.error.did-you-mean', { names: suggestion[1]! }))}` : '');
}
