import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * A real RFC 3161 TSA for tests: `openssl ts -reply` behind a local HTTP server (docs/design/platform-notes.md §4).
 * Nothing leaves 127.0.0.1. Use `describe.skipIf(opensslMissing !== null)` so that a machine
 * without the openssl CLI skips with the reason rather than failing.
 */

const run = promisify(execFile);

/** Why the openssl CLI cannot be used (for the skip message), or null when it can. */
export const opensslMissing: string | null = (() => {
  const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  if (probe.error !== undefined) return `openssl CLI not found (${probe.error.message}): install OpenSSL 3 to run the RFC 3161 tests`;
  return probe.status === 0 ? null : `openssl version exited ${probe.status}: ${probe.stderr}`;
})();

/**
 * Who signs the tokens:
 * - `ca-issued`: a TSA certificate issued by a test CA (CA:true, keyCertSign), critical EKU timeStamping.
 * - `self-signed`: a self-signed TSA certificate (CA:false) with the same extensions: can only be pinned.
 * - `no-eku`: like ca-issued but without extendedKeyUsage. `openssl ts -reply` refuses such a signer,
 *   so the TSTInfo it makes is re-signed with `openssl cms -sign -cades` (same key, same attributes).
 * - `no-ess`: the proper certificate, but re-signed without the ESS signingCertificate attribute.
 */
export type TestTsaSigner = 'ca-issued' | 'self-signed' | 'no-eku' | 'no-ess';

/** How the server answers the next requests; change it at any time with `behave()`. */
export type TestTsaBehaviour = 'ok' | 'http-500' | 'reject' | 'hang' | 'garbage';

export interface TestTsa {
  /** POST TimeStampReqs here. */
  readonly url: string;
  /** The certificate to trust: the CA, or the TSA's own certificate when `self-signed`. */
  readonly caCertPem: string;
  readonly caCertPath: string;
  /** The certificate that signs the tokens. */
  readonly tsaCertPem: string;
  readonly tsaCertPath: string;
  /** The TSA's folder: keys, certificates, tsa.cnf; removed by close(). */
  readonly dir: string;
  behave(behaviour: TestTsaBehaviour): void;
  close(): Promise<void>;
}

const CONFIG = `# The test TSA (docs/design/platform-notes.md §4). Paths are relative to this folder: run openssl with it as cwd.
[ req ]
distinguished_name = dn
[ dn ]
[ ca_ext ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ tsa_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
[ no_eku_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
[ tsa ]
default_tsa = tsa_config1
[ tsa_config1 ]
dir = .
serial = ./tsaserial
crypto_device = builtin
signer_cert = ./tsa.crt
certs = ./chain.pem
signer_key = ./tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
other_policies = 1.3.6.1.4.1.99999.2
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

const P256 = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

async function makeCertificates(dir: string, signer: TestTsaSigner): Promise<{ anchor: string; signerCert: string }> {
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir });
  await writeFile(join(dir, 'tsa.cnf'), CONFIG);
  await writeFile(join(dir, 'tsaserial'), '01\n');
  if (signer === 'self-signed') {
    await openssl(
      'req',
      '-x509',
      ...P256,
      '-keyout',
      'tsa.key',
      '-out',
      'tsa.crt',
      '-days',
      '3650',
      '-subj',
      '/O=chatproof tests/CN=chatproof self-signed test TSA',
      '-config',
      'tsa.cnf',
      '-extensions',
      'tsa_ext',
    );
    await writeFile(join(dir, 'chain.pem'), await readFile(join(dir, 'tsa.crt')));
    return { anchor: 'tsa.crt', signerCert: 'tsa.crt' };
  }
  await openssl(
    'req',
    '-x509',
    ...P256,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '3650',
    '-subj',
    '/O=chatproof tests/CN=chatproof test CA',
    '-config',
    'tsa.cnf',
    '-extensions',
    'ca_ext',
  );
  await openssl('req', '-new', ...P256, '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/O=chatproof tests/CN=chatproof test TSA', '-config', 'tsa.cnf');
  const issue = (out: string, serial: string, ext: string) =>
    openssl(
      'x509',
      '-req',
      '-in',
      'tsa.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-set_serial',
      serial,
      '-days',
      '3650',
      '-extfile',
      'tsa.cnf',
      '-extensions',
      ext,
      '-out',
      out,
    );
  await issue('tsa.crt', '2', 'tsa_ext');
  await writeFile(join(dir, 'chain.pem'), await readFile(join(dir, 'ca.crt')));
  if (signer === 'no-eku') {
    await issue('no-eku.crt', '3', 'no_eku_ext');
    return { anchor: 'ca.crt', signerCert: 'no-eku.crt' };
  }
  return { anchor: 'ca.crt', signerCert: 'tsa.crt' };
}

export async function startTestTsa(opts: { signer?: TestTsaSigner } = {}): Promise<TestTsa> {
  const signer = opts.signer ?? 'ca-issued';
  const dir = await mkdtemp(join(tmpdir(), 'chatproof-tsa-'));
  const { anchor, signerCert } = await makeCertificates(dir, signer);
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir });
  let behaviour: TestTsaBehaviour = 'ok';
  let requests = 0;
  // openssl rewrites ./tsaserial on each reply: one reply at a time.
  let queue: Promise<unknown> = Promise.resolve();

  async function reply(query: Buffer): Promise<Uint8Array> {
    const n = ++requests;
    await writeFile(join(dir, `q${n}.tsq`), query);
    await openssl(
      'ts',
      '-reply',
      '-config',
      'tsa.cnf',
      '-queryfile',
      `q${n}.tsq`,
      '-signer',
      'tsa.crt',
      '-inkey',
      'tsa.key',
      '-chain',
      'chain.pem',
      '-out',
      `r${n}.tsr`,
    );
    const response = await readFile(join(dir, `r${n}.tsr`));
    if (signer !== 'no-eku' && signer !== 'no-ess') return response;
    // Take the TSTInfo openssl made and sign it again with what openssl ts would refuse to produce.
    // -cades adds the ESS signingCertificateV2 attribute: kept for no-eku, so that only the EKU is wrong.
    await openssl('ts', '-reply', '-in', `r${n}.tsr`, '-token_out', '-out', `t${n}.der`);
    await openssl('cms', '-verify', '-noverify', '-inform', 'DER', '-in', `t${n}.der`, '-binary', '-out', `i${n}.der`);
    await openssl(
      'cms',
      '-sign',
      ...(signer === 'no-eku' ? ['-cades'] : []),
      '-econtent_type',
      '1.2.840.113549.1.9.16.1.4',
      '-nodetach',
      '-binary',
      '-nosmimecap',
      '-md',
      'sha256',
      '-in',
      `i${n}.der`,
      '-outform',
      'DER',
      '-signer',
      signerCert,
      '-inkey',
      'tsa.key',
      '-certfile',
      'chain.pem',
      '-out',
      `s${n}.der`,
    );
    return timeStampResp(pkijs.PKIStatus.granted, await readFile(join(dir, `s${n}.der`)));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    switch (behaviour) {
      case 'hang':
        return; // never answer; close() drops the connection
      case 'http-500':
        res.writeHead(500, 'Internal Server Error').end('test TSA: broken on purpose');
        return;
      case 'garbage':
        res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end('this is not DER');
        return;
      case 'reject':
        send(res, timeStampResp(pkijs.PKIStatus.rejection, null));
        return;
      case 'ok': {
        const done = queue.then(() => reply(Buffer.concat(chunks)));
        queue = done.catch(() => undefined);
        try {
          send(res, await done);
        } catch (e) {
          res.writeHead(500).end(`test TSA: openssl failed: ${(e as Error).message}`);
        }
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => res.destroy(e instanceof Error ? e : new Error(String(e))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsr`,
    caCertPem: await readFile(join(dir, anchor), 'utf8'),
    caCertPath: join(dir, anchor),
    tsaCertPem: await readFile(join(dir, signerCert), 'utf8'),
    tsaCertPath: join(dir, signerCert),
    dir,
    behave: (b) => {
      behaviour = b;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function send(res: ServerResponse, der: Uint8Array): void {
  res.writeHead(200, { 'Content-Type': 'application/timestamp-reply', 'Content-Length': der.length }).end(der);
}

/** A TimeStampResp around `tokenDer`, or a refusal (status rejection, failInfo badRequest) when null. */
function timeStampResp(status: pkijs.PKIStatus, tokenDer: Uint8Array | null): Uint8Array {
  const info =
    tokenDer === null
      ? new pkijs.PKIStatusInfo({
          status,
          statusStrings: [new asn1js.Utf8String({ value: 'test TSA refuses on purpose' })],
          // badRequest is bit 2: 0b0010_0000 with the 5 trailing bits unused.
          failInfo: new asn1js.BitString({ valueHex: new Uint8Array([0x20]).buffer, unusedBits: 5 }),
        })
      : new pkijs.PKIStatusInfo({ status });
  const resp = new pkijs.TimeStampResp({
    status: info,
    ...(tokenDer === null ? {} : { timeStampToken: pkijs.ContentInfo.fromBER(tokenDer.slice().buffer) }),
  });
  return new Uint8Array(resp.toSchema().toBER());
}

/** A local port where nothing listens (for "connection refused"). */
export async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/tsr`;
}
