/**
 * Typed errors. Each carries what failed (message), where (file:line, entry, row) and what to do
 * next (hint). They are turned into exit codes in exactly one place: src/cli/exit-codes.ts.
 *
 * What failed and the hint are catalog messages (src/i18n): the error's `code` is its message's
 * key, stable across languages, and each reader (the terminal, `--json`, the web app) writes it in
 * its user's language with `describeError`. `Error.message` is the English text, for logs.
 */
import type { Lang } from '../i18n/lang.js';
import { Phrase, render } from '../i18n/message.js';

export interface ErrorDetails {
  /** A file, line or row as it is (a path is its own text), or a catalog message. */
  readonly where?: string | Phrase;
  readonly hint?: Phrase;
  readonly cause?: unknown;
}

export type ErrorCategory = 'usage' | 'input' | 'archive' | 'integrity' | 'service' | 'interrupted';

export abstract class ChatproofError extends Error {
  abstract readonly category: ErrorCategory;
  /** What failed, as a catalog message: only the catalog's texts, so no error is written in one language alone. */
  readonly text: Phrase;
  readonly whereText: Phrase | string | undefined;
  readonly hintText: Phrase | undefined;

  constructor(message: Phrase, details: ErrorDetails = {}) {
    super(render('en', message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.text = message;
    this.whereText = details.where;
    this.hintText = details.hint;
  }

  /** The stable code of what failed: its catalog key. */
  get code(): string {
    return this.text.key;
  }

  get where(): string | undefined {
    return this.whereText === undefined ? undefined : render('en', this.whereText);
  }

  get hint(): string | undefined {
    return this.hintText === undefined ? undefined : render('en', this.hintText);
  }
}

/** An error as its reader sees it, in one language: what the CLI prints and `--json` carries. */
export interface ErrorDescription {
  readonly code: string;
  readonly message: string;
  readonly where?: string;
  readonly hint?: string;
}

export function describeError(e: ChatproofError, lang: Lang): ErrorDescription {
  return {
    code: e.code,
    message: render(lang, e.text),
    ...(e.whereText === undefined ? {} : { where: render(lang, e.whereText) }),
    ...(e.hintText === undefined ? {} : { hint: render(lang, e.hintText) }),
  };
}

/** Bad command line: unknown option, bad argument, unknown or ambiguous room. */
export class UsageError extends ChatproofError {
  readonly category = 'usage' as const;
}

/** The input cannot be read, recognised or parsed. */
export class InputError extends ChatproofError {
  readonly category = 'input' as const;
}

/** The archive cannot be opened, is locked, or was made by a newer version. */
export class ArchiveError extends ChatproofError {
  readonly category = 'archive' as const;
}

/** Stored evidence does not match its hashes. */
export class IntegrityError extends ChatproofError {
  readonly category = 'integrity' as const;
}

/** An outside service (Chatwork API, a TSA) is unreachable, refuses, or rate-limits past retries. */
export class ServiceError extends ChatproofError {
  readonly category = 'service' as const;
}

/** The user pressed Ctrl-C; whatever was under way was rolled back. */
export class InterruptedError extends ChatproofError {
  readonly category = 'interrupted' as const;
}
