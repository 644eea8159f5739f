import { UsageError } from '../core/errors.js';
import { msg } from '../i18n/message.js';

/** `--mode 640` → 0o640: widening a private output is the user's explicit choice. */
export function parseMode(arg: string): number {
  if (!/^0?[0-7]{3}$/.test(arg.trim())) throw new UsageError(msg('usage.mode', { value: arg }));
  return parseInt(arg.trim(), 8);
}
