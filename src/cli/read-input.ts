import { resolve } from 'node:path';
import { InputError, UsageError } from '../core/errors.js';
import { readBounded } from '../input/bounded-read.js';
import type { Io } from './io.js';
import { msg } from '../i18n/message.js';

export const DEFAULT_MAX_SIZE = 256 * 1024 * 1024;

/** `--max-size 512MB` → bytes. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(text.trim());
  if (!m) throw new UsageError(msg('usage.max-size', { value: text }));
  const unit = (m[2] ?? 'b').toLowerCase()[0]!;
  const factor = unit === 'g' ? 1024 ** 3 : unit === 'm' ? 1024 ** 2 : unit === 'k' ? 1024 : 1;
  return Math.round(Number(m[1]) * factor);
}

function tooBig(where: string, size: number, max: number): InputError {
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new InputError(msg('input.too-big', { size: mb(size), max: mb(max) }), {
    where,
    hint: msg('input.too-big.hint', { raise: `${Math.ceil(size / 1024 / 1024) + 1}MB` }),
  });
}

/** Reads a file, stdin (`-`) or the clipboard as raw bytes: the bytes are the evidence (docs/design/evidence-model.md P1). */
export async function readInput(
  source: { file?: string; clipboard?: boolean },
  io: Io,
  maxSize: number,
): Promise<{ bytes: Buffer; name: string | null; where: string }> {
  if (source.clipboard) {
    const bytes = await readClipboard();
    if (bytes.length > maxSize) throw tooBig('clipboard', bytes.length, maxSize);
    return { bytes, name: null, where: 'clipboard' };
  }
  if (source.file === undefined) throw new UsageError(msg('usage.no-input'));
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
  const file = source.file;
  try {
    // Shared memory: a large import hands the bytes to the archive's writer thread without a copy (docs/performance.md).
    const bytes = await readBounded(path, { where: file, maxSize, tooBig: (size) => tooBig(file, size, maxSize), shared: true, pipeWaitMs: pipeWait(io.env) });
    return { bytes, name: file, where: file };
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? msg('io.no-such-file') : code === 'EACCES' ? msg('io.not-allowed') : (e as Error).message;
    throw new InputError(msg('input.cannot-read', { file, why }), { hint: msg('hint.check-path') });
  }
}

/** CHATPROOF_PIPE_WAIT_MS: how long a named pipe may stay without a writer (tests shorten it). */
function pipeWait(env: NodeJS.ProcessEnv): number | undefined {
  const ms = Number(env['CHATPROOF_PIPE_WAIT_MS'] ?? '');
  return ms > 0 ? ms : undefined;
}

const CLIPBOARD_TOOLS: readonly { cmd: string; args: string[] }[] = [
  { cmd: 'pbpaste', args: [] },
  { cmd: 'wl-paste', args: ['--no-newline'] },
  { cmd: 'xclip', args: ['-selection', 'clipboard', '-o'] },
  { cmd: 'xsel', args: ['--clipboard', '--output'] },
  { cmd: 'powershell.exe', args: ['-NoProfile', '-Command', '[Console]::OutputEncoding=[Text.Encoding]::UTF8; Get-Clipboard -Raw'] },
];

/** `node:child_process` is loaded here, for the clipboard only: ~2 ms of every import's start-up (docs/performance.md). */
async function readClipboard(): Promise<Buffer> {
  const { spawnSync } = await import('node:child_process');
  for (const tool of CLIPBOARD_TOOLS) {
    const r = spawnSync(tool.cmd, tool.args, { maxBuffer: 1024 ** 3 });
    if (r.error) continue;
    if (r.status === 0) return r.stdout;
  }
  throw new InputError(msg('input.clipboard'), { hint: msg('input.clipboard.hint') });
}
