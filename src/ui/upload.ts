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

/** The fields of a form the page sent as JSON (static/app.js): strings only, anything else dropped. */
export async function fields(c: Context<UiEnv>): Promise<Readonly<Record<string, string>>> {
  const body: unknown = await c.req.json().catch(() => null);
  const out: Record<string, string> = {};
  if (body !== null && typeof body === 'object') for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}
