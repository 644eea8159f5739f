import { resolve } from 'node:path';
import type { Anchors } from './stamp.js';

/** `--tsa-cert FILE` (or the `tsa-cert` setting) → anchors; none means Node's bundled Mozilla roots. */
export async function readAnchors(file: string | undefined, cwd: string): Promise<Anchors> {
  if (file === undefined) return { certs: [], file: undefined };
  // Loaded only when a certificate is named: the timestamp code is not needed to start a command.
  const { readCertificateFile } = await import('../timestamp/index.js');
  const path = resolve(cwd, file);
  return { certs: await readCertificateFile(path), file: path };
}

/** A certificate file sent from a page (PEM or DER): the anchors it names, by the name it was sent with. */
export async function anchorsFromBytes(bytes: Uint8Array, name: string): Promise<Anchors> {
  const { parseCertificates } = await import('../timestamp/index.js');
  return { certs: parseCertificates(bytes, name), file: name };
}
