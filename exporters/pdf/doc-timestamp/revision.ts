/**
 * The one incremental update that carries a PDF document timestamp (ISO 32000-2 §12.8.5, PAdES
 * ETSI EN 319 142-1 §5.4): a signature dictionary /Type /DocTimeStamp, /SubFilter /ETSI.RFC3161,
 * an invisible signature field, an AcroForm listing it, and a /DSS with the TSA's certificates and
 * revocation data, so the stamp can be checked offline years later. Pure over bytes: the same first
 * revision and DSS contents always give the same update, which is how verify-report re-derives it.
 *
 * The update is written in the layout chatproof's renderer uses (pdfkit: `N 0 obj\n… endobj\n`, a
 * classic xref table) and appended after the first revision's `%%EOF\n`.
 */

/** Room for the DER TimeStampToken in /Contents: a token with a certificate chain is 3–8 KB. */
export const CONTENTS_BYTES = 16_384;
/**
 * Room for the /ByteRange numbers, so the update's layout does not depend on them: four numbers of
 * up to 10 digits, written plainly (no leading zeros: shell arithmetic reads those as octal) and
 * padded with spaces before the `]`.
 */
const RANGE_WIDTH = 4 * 10 + 3;

/** What the DSS carries: DER certificates and CRLs from the TSA's token (RFC 3161 gives no OCSP). */
export interface DssData {
  readonly certs: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
}

/** A report with the update appended and /Contents still zeros. */
export interface Prepared {
  readonly bytes: Buffer;
  /** Offset of `<` before the /Contents hex and of the byte after its `>`. */
  readonly gap: { readonly from: number; readonly to: number };
}

interface FirstRevision {
  readonly size: number;
  readonly root: number;
  readonly trailerRest: string;
  readonly startxref: number;
  readonly catalog: string;
}

/** The facts of the first revision the update builds on; a string says what is missing. */
function readFirst(first: Buffer): FirstRevision | string {
  const text = first.toString('latin1');
  const t = /trailer\n<<\n([\s\S]*?)\n>>\nstartxref\n(\d+)\n%%EOF\n$/.exec(text);
  if (t === null) return 'the file does not end with the trailer chatproof writes';
  const size = /^\/Size (\d+)$/m.exec(t[1]!);
  const root = /^\/Root (\d+) 0 R$/m.exec(t[1]!);
  if (size === null || root === null) return 'the trailer has no /Size or /Root';
  const at = text.indexOf(`\n${root[1]} 0 obj\n<<\n`);
  const end = at < 0 ? -1 : text.indexOf('\n>>\nendobj\n', at);
  if (end < 0) return 'the catalog is not where the trailer says';
  const catalog = text.slice(at + 1 + `${root[1]} 0 obj\n`.length, end + 3);
  if (/\/AcroForm|\/DSS/.test(catalog)) return 'the catalog already has an /AcroForm or /DSS';
  const trailerRest = t[1]!
    .split('\n')
    .filter((l) => !/^\/(Size|Prev) /.test(l))
    .join('\n');
  return { size: Number(size[1]), root: Number(root[1]), trailerRest, startxref: Number(t[2]), catalog };
}

/**
 * Appends the timestamp update to `first` (one revision, as chatproof renders it) with /Contents
 * zero-filled and /ByteRange covering everything else. Throws when `first` is not in that shape:
 * the caller made it a moment ago, so that is a bug.
 */
export function prepareDocTimestamp(first: Buffer, dss: DssData): Prepared {
  const f = readFirst(first);
  if (typeof f === 'string') throw new Error(`doc-timestamp: ${f}`);
  const n = f.size;
  const [sig, field, form, dssNum] = [n, n + 1, n + 2, n + 3];
  const streams = [...dss.certs, ...dss.crls];
  const certNums = dss.certs.map((_, i) => n + 4 + i);
  const crlNums = dss.crls.map((_, i) => n + 4 + dss.certs.length + i);
  const refs = (nums: readonly number[]): string => `[${nums.map((x) => `${x} 0 R`).join(' ')}]`;
  const placeholderRange = `/ByteRange [${' '.repeat(RANGE_WIDTH)}]`;
  const contents = `/Contents <${'0'.repeat(CONTENTS_BYTES * 2)}>`;
  const parts: Buffer[] = [];
  const offsets = new Map<number, number>();
  let pos = first.length;
  const add = (num: number, body: Buffer | string): void => {
    offsets.set(num, pos);
    const b = Buffer.concat([
      Buffer.from(`${num} 0 obj\n`, 'latin1'),
      Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(b);
    pos += b.length;
  };
  add(f.root, f.catalog.replace(/\n>>$/, `\n/AcroForm ${form} 0 R\n/DSS ${dssNum} 0 R\n>>`));
  add(sig, `<<\n/Type /DocTimeStamp\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.RFC3161\n${placeholderRange}\n${contents}\n>>`);
  add(field, `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T (DocTimeStamp)\n/F 132\n/Rect [0 0 0 0]\n/V ${sig} 0 R\n>>`);
  add(form, `<<\n/Fields [${field} 0 R]\n/SigFlags 3\n>>`);
  add(dssNum, `<<\n/Certs ${refs(certNums)}${crlNums.length > 0 ? `\n/CRLs ${refs(crlNums)}` : ''}\n>>`);
  streams.forEach((der, i) =>
    add(n + 4 + i, Buffer.concat([Buffer.from(`<<\n/Length ${der.length}\n>>\nstream\n`, 'latin1'), Buffer.from(der), Buffer.from('\nendstream', 'latin1')])),
  );
  const total = n + 4 + streams.length;
  const sections = [
    `${f.root} 1\n${row(offsets.get(f.root)!)}`,
    `${n} ${total - n}\n${Array.from({ length: total - n }, (_, i) => row(offsets.get(n + i)!)).join('')}`,
  ];
  parts.push(
    Buffer.from(`xref\n${sections.join('')}trailer\n<<\n/Size ${total}\n${f.trailerRest}\n/Prev ${f.startxref}\n>>\nstartxref\n${pos}\n%%EOF\n`, 'latin1'),
  );
  const bytes = Buffer.concat([first, ...parts]);
  const sigAt = offsets.get(sig)!;
  const from = bytes.indexOf('/Contents <', sigAt, 'latin1') + '/Contents '.length;
  const to = from + CONTENTS_BYTES * 2 + 2;
  const range = [0, from, to, bytes.length - to].join(' ').padEnd(RANGE_WIDTH, ' ');
  const rangeAt = bytes.indexOf('/ByteRange [', sigAt, 'latin1') + '/ByteRange ['.length;
  bytes.write(range, rangeAt, 'latin1');
  return { bytes, gap: { from, to } };
}

function row(offset: number): string {
  return `${String(offset).padStart(10, '0')} 00000 n \n`;
}

/** The bytes the timestamp vouches for: the whole file but the /Contents hex string. */
export function signedBytes(p: Prepared): Buffer {
  return Buffer.concat([p.bytes.subarray(0, p.gap.from), p.bytes.subarray(p.gap.to)]);
}

/** Writes the token into /Contents; a copy, `p` stays as it was. */
export function spliceToken(p: Prepared, token: Uint8Array): Buffer {
  if (token.length > CONTENTS_BYTES) throw new Error(`doc-timestamp: the TSA's token is ${token.length} bytes, more than the ${CONTENTS_BYTES} reserved`);
  const out = Buffer.from(p.bytes);
  out.write(Buffer.from(token).toString('hex'), p.gap.from + 1, 'latin1');
  return out;
}
