import { type FileHandle, open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError, UsageError } from '../core/errors.js';
import type { Io } from './io.js';

export const DEFAULT_MAX_SIZE = 256 * 1024 * 1024;

/** `--max-size 512MB` → bytes. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--max-size takes a size like 300MB or 2GB, not "${text}".`);
  const unit = (m[2] ?? 'b').toLowerCase()[0]!;
  const factor = unit === 'g' ? 1024 ** 3 : unit === 'm' ? 1024 ** 2 : unit === 'k' ? 1024 : 1;
  return Math.round(Number(m[1]) * factor);
}

function tooBig(where: string, size: number, max: number): InputError {
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new InputError(`The input is ${mb(size)}, more than the ${mb(max)} limit; nothing was imported.`, {
    where,
    hint: `Check that this is a chat export (they are rarely this large). If it is, raise the limit with --max-size ${Math.ceil(size / 1024 / 1024) + 1}MB.`,
  });
}

/** Reads a file, stdin (`-`) or the clipboard as raw bytes: the bytes are the evidence (P1). */
export async function readInput(source: { file?: string; clipboard?: boolean }, io: Io, maxSize: number): Promise<{ bytes: Buffer; name: string | null; where: string }> {
  if (source.clipboard) {
    const bytes = await readClipboard();
    if (bytes.length > maxSize) throw tooBig('clipboard', bytes.length, maxSize);
    return { bytes, name: null, where: 'clipboard' };
  }
  if (source.file === undefined) throw new UsageError('Name a file to import, - for standard input, or --clipboard.');
  if (source.file === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of io.stdin) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += b.length;
      if (size > maxSize) throw tooBig('standard input', size, maxSize);
      chunks.push(b);
    }
    return { bytes: Buffer.concat(chunks), name: null, where: 'standard input' };
  }
  const path = resolve(io.cwd, source.file);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(`${source.file} is a folder, not a file.`, { hint: 'Name the exported .txt (or .json, .html) file inside it.' });
    if (info.size > maxSize) throw tooBig(source.file, info.size, maxSize);
    const handle = await open(path, 'r');
    try {
      return { bytes: await readShared(handle, info.size), name: source.file, where: source.file };
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'you may not read it' : (e as Error).message;
    throw new InputError(`Cannot read ${source.file}: ${why}.`, { hint: 'Check the path (drag the file onto the terminal to paste its full path).' });
  }
}

/**
 * The file's bytes in shared memory: a large import hands them to the archive's writer thread
 * (src/store/capture-thread.ts), and shared bytes cross without a copy, which was 20 MB more at
 * the peak of a 200k-message import (issue 8). A file that grew since `stat` is read whole as usual.
 */
async function readShared(handle: FileHandle, size: number): Promise<Buffer> {
  const bytes = Buffer.from(new SharedArrayBuffer(size));
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
    if (bytesRead === 0) return bytes.subarray(0, filled);
    filled += bytesRead;
  }
  const { bytesRead: more } = await handle.read(Buffer.alloc(1), 0, 1, size);
  return more === 0 ? bytes : handle.readFile();
}

const CLIPBOARD_TOOLS: readonly { cmd: string; args: string[] }[] = [
  { cmd: 'pbpaste', args: [] },
  { cmd: 'wl-paste', args: ['--no-newline'] },
  { cmd: 'xclip', args: ['-selection', 'clipboard', '-o'] },
  { cmd: 'xsel', args: ['--clipboard', '--output'] },
  { cmd: 'powershell.exe', args: ['-NoProfile', '-Command', '[Console]::OutputEncoding=[Text.Encoding]::UTF8; Get-Clipboard -Raw'] },
];

/** `node:child_process` is loaded here, for the clipboard only: ~2 ms of every import's start-up (issue 8). */
async function readClipboard(): Promise<Buffer> {
  const { spawnSync } = await import('node:child_process');
  for (const tool of CLIPBOARD_TOOLS) {
    const r = spawnSync(tool.cmd, tool.args, { maxBuffer: 1024 ** 3 });
    if (r.error) continue;
    if (r.status === 0) return r.stdout;
  }
  throw new InputError('Could not read the clipboard: none of pbpaste, wl-paste, xclip, xsel or PowerShell worked here.', {
    hint: 'Paste into a text file and import the file, or pipe it in: `chatproof import - --room "…" < paste.txt`.',
  });
}
