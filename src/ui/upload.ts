import type { Context } from 'hono';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { InputError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import type { UiEnv } from './env.js';

/** The name the browser gave the file, reduced to a base name a folder cannot be reached by. */
export function uploadName(c: Context<UiEnv>): string {
  const name = basename((c.req.query('name') ?? 'upload').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '');
  return name === '' || name === '.' || name === '..' ? 'upload' : name;
}

function emptyUpload(name: string): InputError {
  return new InputError(msg('ui.upload.empty'), { where: name, hint: msg('ui.upload.empty.hint') });
}

/**
 * An uploaded file: the request body as bytes (bodyLimit in app.ts has already refused it if it
 * was too large) and the name the browser gave, reduced to a base name for display and messages.
 */
export async function uploaded(c: Context<UiEnv>): Promise<{ bytes: Buffer; name: string }> {
  const bytes = Buffer.from(await c.req.arrayBuffer());
  const name = uploadName(c);
  if (bytes.length === 0) throw emptyUpload(name);
  return { bytes, name };
}

/**
 * An uploaded file streamed into `folder` under the name the browser gave (a file's name is part
 * of what is attached), never held whole in memory here; private to the user (0600), never
 * overwriting. The caller removes the folder.
 */
export async function uploadedToFile(c: Context<UiEnv>, folder: string): Promise<{ path: string; name: string }> {
  const name = uploadName(c);
  const path = join(folder, name);
  const body = c.req.header('content-type')?.startsWith('application/octet-stream') ? c.req.raw.body : null;
  if (body === null) throw emptyUpload(name);
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), count, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
  if (size === 0) throw emptyUpload(name);
  return { path, name };
}

/** The fields of a form the page sent as JSON (static/app.js): strings only, anything else dropped. */
export async function fields(c: Context<UiEnv>): Promise<Readonly<Record<string, string>>> {
  const body: unknown = await c.req.json().catch(() => null);
  const out: Record<string, string> = {};
  if (body !== null && typeof body === 'object') for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}
