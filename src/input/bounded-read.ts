import { constants, closeSync, openSync } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import { kindOf } from '../output/guard.js';

/** How long a named pipe may wait for a program to write into it before the read gives up. */
export const DEFAULT_PIPE_WAIT_MS = 30_000;
const CHUNK = 1024 * 1024;

export interface Bounds {
  /** As the user typed it: shown in messages. */
  readonly where: string;
  readonly maxSize: number;
  /** The error for an input past maxSize, given the bytes counted so far. */
  readonly tooBig: (size: number) => Error;
  readonly pipeWaitMs?: number;
  /** Regular files only: the bytes in shared memory, to cross to a worker thread without a copy. */
  readonly shared?: boolean;
}

/**
 * Reads a path whole, never more than `maxSize` bytes, counted as they arrive: a regular file
 * (which may grow while it is read), or a pipe (`mkfifo`, `import <(cmd)`), read as a stream since
 * it cannot seek. Devices, sockets and folders are refused before anything is read: /dev/zero
 * would fill the memory, a terminal would wait for ever. Errors from the file system (ENOENT,
 * EACCES) are left to the caller, who knows what the file was for.
 */
export async function readBounded(path: string, bounds: Bounds): Promise<Buffer> {
  const info = await stat(path);
  if (info.isFIFO()) return readPipe(path, bounds);
  if (!info.isFile()) throw new InputError(msg('input.not-a-file', { where: bounds.where, kind: kindOf(info) }), { hint: msg('input.not-a-file.hint') });
  if (info.size > bounds.maxSize) throw bounds.tooBig(info.size);
  const handle = await open(path, 'r');
  try {
    const bytes = bounds.shared === true ? Buffer.from(new SharedArrayBuffer(info.size)) : Buffer.alloc(info.size);
    let filled = 0;
    while (filled < info.size) {
      const { bytesRead } = await handle.read(bytes, filled, info.size - filled, filled);
      if (bytesRead === 0) return bytes.subarray(0, filled);
      filled += bytesRead;
    }
    // A file still growing (a log being written) is read on, within the limit.
    return await readRest(handle, [bytes], info.size, bounds, true);
  } finally {
    await handle.close();
  }
}

/** Reads on from `size` bytes already in `chunks` to the end, within the limit; a pipe (not `seekable`) from where it is. */
async function readRest(handle: FileHandle, chunks: Buffer[], size: number, bounds: Bounds, seekable: boolean): Promise<Buffer> {
  let total = size;
  for (;;) {
    const chunk = Buffer.alloc(CHUNK);
    const { bytesRead } = await handle.read(chunk, 0, CHUNK, seekable ? total : null);
    if (bytesRead === 0) return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    total += bytesRead;
    if (total > bounds.maxSize) throw bounds.tooBig(total);
    chunks.push(chunk.subarray(0, bytesRead));
  }
}

/**
 * A pipe is opened in a worker thread, where open() waits until some program opens it for
 * writing. If none does in time, chatproof opens it for writing itself, without blocking, so the
 * waiting open returns at once (and sees the end of an empty pipe); the read is then refused.
 */
async function readPipe(path: string, bounds: Bounds): Promise<Buffer> {
  let gaveUp = false;
  const timer = setTimeout(() => {
    gaveUp = true;
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: the open was not waiting any more (a writer came just now); the read goes on.
    }
  }, bounds.pipeWaitMs ?? DEFAULT_PIPE_WAIT_MS);
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } finally {
    clearTimeout(timer);
  }
  try {
    if (gaveUp) {
      const seconds = Math.round((bounds.pipeWaitMs ?? DEFAULT_PIPE_WAIT_MS) / 1000);
      throw new InputError(msg('input.pipe-no-writer', { where: bounds.where, seconds }), { hint: msg('input.pipe-no-writer.hint') });
    }
    return await readRest(handle, [], 0, bounds, false);
  } finally {
    await handle.close();
  }
}
