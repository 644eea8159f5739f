import type { Context } from 'hono';
import { basename } from 'node:path';
import { InputError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import type { UiEnv } from './env.js';

/**
 * An uploaded file: the request body as bytes (bodyLimit in app.ts has already refused it if it
 * was too large) and the name the browser gave, reduced to a base name for display and messages.
 */
export async function uploaded(c: Context<UiEnv>): Promise<{ bytes: Buffer; name: string }> {
  const bytes = Buffer.from(await c.req.arrayBuffer());
  const name = basename((c.req.query('name') ?? 'upload').replace(/\\/g, '/')) || 'upload';
  if (bytes.length === 0) throw new InputError(msg('ui.upload.empty'), { where: name, hint: msg('ui.upload.empty.hint') });
  return { bytes, name };
}
