import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { readInput } from '../../src/cli/read-input.js';
import { tempArchive } from '../support/temp.js';

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

function io(cwd: string): Io {
  const sink = { write: () => true, isTTY: false };
  return { stdout: sink, stderr: sink, stdin: Readable.from([]) as Io['stdin'], env: {}, cwd, signal: new AbortController().signal };
}

describe('readInput of a file', () => {
  it('gives its exact bytes, in shared memory (handed to the writer thread without a copy)', async () => {
    const bytes = Buffer.concat([Buffer.from('[LINE] 案件のトーク履歴\r\n'), Buffer.from([0, 0xff, 0xfe, 0x80]), Buffer.alloc(300_000, 0x41)]);
    writeFileSync(join(tmp.dir, 'a.txt'), bytes);
    const read = await readInput({ file: 'a.txt' }, io(tmp.dir), 1 << 30);
    expect(read.bytes.equals(bytes)).toBe(true);
    expect(read.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(read).toMatchObject({ name: 'a.txt', where: 'a.txt' });
  });

  it('gives an empty file as no bytes', async () => {
    writeFileSync(join(tmp.dir, 'empty.txt'), '');
    expect((await readInput({ file: 'empty.txt' }, io(tmp.dir), 1 << 30)).bytes.length).toBe(0);
  });
});
