import { CommanderError } from 'commander';
import { ChatproofError, describeError } from '../core/errors.js';
import type { Lang } from '../i18n/lang.js';
import { msg, render } from '../i18n/message.js';
import { describeCommanderError } from './commander-lang.js';
import { jsonDocument } from './json-shapes.js';

/** Whether the command line asks for `--json`, read before (or without) commander's parse. */
export function jsonRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/**
 * An error as a `--json` document (docs/schema/error.schema.json): the same words as the terminal
 * gets, in the user's language, with the error's stable code and the exit code it ends with.
 */
export function errorDocument(e: unknown, exitCode: number, lang: Lang): Record<string, unknown> {
  if (e instanceof ChatproofError) {
    const d = describeError(e, lang);
    return jsonDocument({ error: { code: d.code, kind: e.category, exitCode, message: d.message, hint: d.hint ?? null, where: d.where ?? null } });
  }
  if (e instanceof CommanderError) {
    const d = describeCommanderError(e.message, lang);
    return jsonDocument({ error: { code: d.code, kind: 'usage', exitCode, message: d.message, hint: render(lang, msg('cli.help-after-error')), where: null } });
  }
  // The stack stays on stderr, where the terminal text asks for it to be reported.
  const first = render(lang, msg('cli.internal-error', { detail: '' }))
    .split('\n')[0]!
    .replace(/^chatproof: /, '');
  return jsonDocument({ error: { code: 'internal', kind: 'internal', exitCode, message: first, hint: null, where: null } });
}
