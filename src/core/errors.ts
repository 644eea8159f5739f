/**
 * Typed errors. Each carries what failed (message), where (file:line, entry, row) and what to do
 * next (hint). They are turned into exit codes in exactly one place: src/cli/exit-codes.ts.
 */
export interface ErrorDetails {
  readonly where?: string;
  readonly hint?: string;
  readonly cause?: unknown;
}

export abstract class ChatproofError extends Error {
  abstract readonly category: 'usage' | 'input' | 'archive' | 'integrity' | 'service' | 'interrupted';
  readonly where: string | undefined;
  readonly hint: string | undefined;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.where = details.where;
    this.hint = details.hint;
  }
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
