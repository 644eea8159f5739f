import { CommanderError } from 'commander';
import { ChatproofError } from '../core/errors.js';

/** docs/design/cli-contract.md "Exit codes": the one table, and the one place errors become codes. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  input: 3,
  archive: 4,
  integrity: 5,
  service: 6,
  interrupted: 130,
} as const;

export function exitCodeFor(e: unknown): number {
  if (e instanceof ChatproofError) return EXIT[e.category];
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  return EXIT.internal;
}
