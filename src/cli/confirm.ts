import { createInterface } from 'node:readline/promises';
import type { Io } from './io.js';

/**
 * Asks a yes/no question on a terminal. Returns null when there is no terminal to ask on, so the
 * caller can refuse with a message that names `--yes` instead of guessing.
 */
export async function confirm(io: Io, question: string): Promise<boolean | null> {
  if (io.stdin.isTTY !== true || io.stderr.isTTY !== true) return null;
  const rl = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  try {
    const answer = await rl.question(`${question} [y/N] `, { signal: io.signal });
    return /^(y|yes|はい)$/i.test(answer.trim());
  } catch {
    return false;
  } finally {
    rl.close();
  }
}
