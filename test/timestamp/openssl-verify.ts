import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a report reader runs by hand (docs/timestamps.md):
 *   openssl ts -verify -token_in -in token.der -data data.bin -CAfile anchor.pem
 * Returns whether openssl said "Verification: OK", with its output for failure messages.
 */
export async function opensslVerify(tokenDer: Uint8Array, data: Uint8Array, anchorPath: string): Promise<{ ok: boolean; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'chatproof-tsverify-'));
  try {
    await writeFile(join(dir, 'token.der'), tokenDer);
    await writeFile(join(dir, 'data.bin'), data);
    const args = ['ts', '-verify', '-token_in', '-in', 'token.der', '-data', 'data.bin', '-CAfile', anchorPath];
    return await new Promise((resolve) => {
      execFile('openssl', args, { cwd: dir }, (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        resolve({ ok: error === null && stdout.includes('Verification: OK'), output });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
