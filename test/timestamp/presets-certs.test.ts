import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InputError, UsageError } from '../../src/core/errors.js';
import { parseCertificates, parseTokenInfo, readCertificateFile, resolveTsa, TSA_PRESETS } from '../../src/timestamp/index.js';

/** Pure parts, no openssl: `--tsa` resolution, `--tsa-cert` reading, junk tokens. */

describe('resolveTsa', () => {
  test('a preset name gives its URL', () => {
    expect(resolveTsa('freetsa')).toMatchObject({ url: 'https://freetsa.org/tsr', name: 'freetsa' });
    expect(resolveTsa(' DigiCert ')).toMatchObject({ url: 'http://timestamp.digicert.com', name: 'digicert' });
    for (const preset of TSA_PRESETS) expect(new URL(preset.url).protocol).toMatch(/^https?:$/);
  });

  test('a plain http(s) URL is used as given, named by its host', () => {
    expect(resolveTsa('https://tsa.example.org:8443/rfc3161')).toEqual({
      url: 'https://tsa.example.org:8443/rfc3161',
      name: 'tsa.example.org:8443',
      preset: null,
    });
  });

  test('anything else is a usage error that lists the presets', () => {
    for (const bad of ['ftp://tsa.example.org/', 'file:///etc/passwd', 'nosuchtsa']) {
      const error: unknown = (() => {
        try {
          resolveTsa(bad);
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).hint).toContain('freetsa, digicert, sectigo');
    }
  });
});

describe('parseCertificates / readCertificateFile', () => {
  const [first, second] = rootCertificates;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatproof-certs-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('a PEM bundle gives every certificate, as DER', () => {
    const ders = parseCertificates(Buffer.from(`${first}\n${second}\n`), 'bundle.pem');
    expect(ders).toHaveLength(2);
    expect(ders.every((d) => d[0] === 0x30)).toBe(true);
  });

  test('a DER file gives that certificate', async () => {
    const [der] = parseCertificates(Buffer.from(first!), 'one.pem');
    const path = join(dir, 'one.der');
    await writeFile(path, der!);
    expect(await readCertificateFile(path)).toEqual([Buffer.from(der!)]);
  });

  test('junk, a broken PEM block, or a missing file is an InputError naming the file', async () => {
    expect(() => parseCertificates(Buffer.from('hello'), 'x.pem')).toThrow(InputError);
    const broken = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    expect(() => parseCertificates(Buffer.from(broken), 'x.pem')).toThrow(/Certificate 1 of 1 does not parse/);
    const missing = join(dir, 'missing.pem');
    await expect(readCertificateFile(missing)).rejects.toMatchObject({ name: 'InputError', where: missing });
  });
});

describe('parseTokenInfo', () => {
  test('bytes that are not a token are an InputError with a hint about .tsr files', () => {
    const error: unknown = (() => {
      try {
        parseTokenInfo(new TextEncoder().encode('junk'));
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).hint).toContain('-token_out');
  });
});
