import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { InputError, InterruptedError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';
import { SIGNATURE_HEAD_BYTES } from './signatures.js';
import { msg } from '../i18n/message.js';

/** A file on disk, checked before anything is read: it exists, is a file, and how big it is. */
export interface FileToAttach {
  /** As the user typed it: shown in messages. */
  readonly arg: string;
  readonly path: string;
  /** The base name only: the folders above it may say more about the user than the file does. */
  readonly name: string;
  readonly size: number;
}

export interface ReadAttachment {
  readonly sha256: string;
  readonly size: number;
  readonly head: Uint8Array;
  /** The whole file when its bytes are kept; null for --hash-only. */
  readonly bytes: Buffer | null;
}

function cannotRead(arg: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? msg('io.no-such-file') : code === 'EACCES' || code === 'EPERM' ? msg('io.not-allowed') : (e as Error).message;
  return new InputError(msg('input.attach-cannot-read', { file: arg, why }), { hint: msg('hint.check-path') });
}

export async function statFile(arg: string, cwd: string): Promise<FileToAttach> {
  const path = resolve(cwd, arg);
  let info: Stats;
  try {
    info = await stat(path);
  } catch (e) {
    throw cannotRead(arg, e);
  }
  if (!info.isFile())
    throw new InputError(msg('input.attach-not-file', { file: arg, kind: msg(info.isDirectory() ? 'kind.folder' : 'kind.other') }), {
      hint: msg('input.attach-not-file.hint'),
    });
  return { arg, path, name: basename(path), size: info.size };
}

/** Reads a file whose bytes are kept: they go into the archive whole, so they are read whole. */
export async function readKept(file: FileToAttach): Promise<ReadAttachment> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file.path);
  } catch (e) {
    throw cannotRead(file.arg, e);
  }
  return { sha256: sha256Hex(bytes), size: bytes.length, head: bytes.subarray(0, SIGNATURE_HEAD_BYTES), bytes };
}

/** Hashes a file without holding it (--hash-only): a 2 GB video costs a buffer's worth of memory. */
export async function hashStreamed(file: FileToAttach, signal: AbortSignal): Promise<ReadAttachment> {
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  try {
    for await (const chunk of createReadStream(file.path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      if (signal.aborted) throw new InterruptedError(msg('interrupted.attach'), { where: file.arg });
      hash.update(chunk);
      size += chunk.length;
      if (headLength < SIGNATURE_HEAD_BYTES) {
        const part = chunk.subarray(0, SIGNATURE_HEAD_BYTES - headLength);
        head.push(part);
        headLength += part.length;
      }
    }
  } catch (e) {
    if (e instanceof InterruptedError) throw e;
    throw cannotRead(file.arg, e);
  }
  return { sha256: hash.digest('hex'), size, head: Buffer.concat(head), bytes: null };
}
