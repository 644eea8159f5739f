import { inflateSync } from 'node:zlib';

/**
 * A PDF read the way chatproof's renderer (pdfkit 0.20) writes it: a header, indirect objects
 * `N 0 obj … endobj` one after the other, a classic xref table, a trailer, `startxref` and one
 * `%%EOF`. This is not a general PDF parser: a report is compared with its re-rendering, and
 * whatever does not have this exact shape is, for that reason alone, not what chatproof wrote.
 *
 * A stream is read with the length its own dictionary states and must then end with
 * `endstream`, and every xref offset must point at the object it names: what is compared here
 * is therefore what any PDF reader reads from this revision.
 */

export interface PdfObject {
  readonly num: number;
  /** The object's text before any stream, with a stream's `/Length n` written `/Length ?`. */
  readonly head: string;
  /** Its stream, decoded when the head says `/Filter /FlateDecode`; null for an object without one. */
  readonly stream: Buffer | null;
}

export interface PdfLayout {
  readonly header: string;
  readonly objects: readonly PdfObject[];
  /** The trailer dictionary's text. */
  readonly trailer: string;
}

/** Where the first revision ends and what follows it: a later revision appended to the file. */
export interface Revisions {
  /** Bytes of the first revision, through its `%%EOF` and line end. */
  readonly first: Buffer;
  /** Bytes after the first revision (an incremental update, or anything else appended). */
  readonly rest: Buffer;
}

const EOF_MARK = Buffer.from('%%EOF', 'latin1');

/** Splits a file after its first `%%EOF` (and the newline pdfkit writes after it). */
export function splitRevisions(pdf: Buffer): Revisions {
  const at = pdf.indexOf(EOF_MARK);
  if (at < 0) return { first: pdf, rest: Buffer.alloc(0) };
  let end = at + EOF_MARK.length;
  if (pdf[end] === 0x0d) end++;
  if (pdf[end] === 0x0a) end++;
  return { first: pdf.subarray(0, end), rest: pdf.subarray(end) };
}

/** Reads one revision in pdfkit's layout; a string says where it departs from that layout. */
export function readLayout(pdf: Buffer): PdfLayout | string {
  const text = pdf.toString('latin1');
  const header = /^%PDF-\d\.\d\n%[^\n]*\n/.exec(text);
  if (header === null) return 'it does not begin with a PDF header as chatproof writes it';
  const objects: PdfObject[] = [];
  const offsets = new Map<number, number>();
  const objectStart = /(\d+) 0 obj\n/y;
  let pos = header[0].length;
  for (;;) {
    objectStart.lastIndex = pos;
    const m = objectStart.exec(text);
    if (m === null) break;
    const num = Number(m[1]);
    if (offsets.has(num)) return `object ${num} is written twice`;
    offsets.set(num, pos);
    const read = readObject(pdf, text, num, pos + m[0].length);
    if (typeof read === 'string') return read;
    objects.push(read.object);
    pos = read.next;
  }
  const tail = /xref\n0 (\d+)\n((?:\d{10} \d{5} [fn] \n)*)trailer\n(<<\n[\s\S]*?\n>>)\nstartxref\n(\d+)\n%%EOF\n?$/y;
  tail.lastIndex = pos;
  const t = tail.exec(text);
  if (t === null)
    return objects.length === 0
      ? `no object begins where chatproof writes its first (byte ${pos}): another program rewrote the file`
      : `after object ${objects.at(-1)!.num} at byte ${pos} comes something other than the xref table and trailer chatproof writes`;
  if (Number(t[4]) !== pos) return `startxref points at byte ${t[4]}, but the xref table is at byte ${pos}`;
  const rows = t[2]!.match(/.{20}/gs) ?? [];
  if (rows.length !== Number(t[1])) return `the xref table announces ${t[1]} entries but has ${rows.length}`;
  for (let i = 1; i < rows.length; i++) {
    const at = offsets.get(i);
    if (at === undefined || rows[i] !== `${String(at).padStart(10, '0')} 00000 n \n`)
      return `the xref entry of object ${i} does not point at that object: a reader would read something else`;
  }
  if (rows.length !== offsets.size + 1) return `the file has ${offsets.size} objects but its xref table lists ${rows.length - 1}`;
  return { header: header[0], objects, trailer: t[3]! };
}

function readObject(pdf: Buffer, text: string, num: number, from: number): { object: PdfObject; next: number } | string {
  const endobj = text.indexOf('endobj\n', from);
  const stream = text.indexOf('\nstream\n', from);
  if (endobj < 0) return `object ${num} has no end`;
  if (stream < 0 || stream > endobj) return { object: { num, head: text.slice(from, endobj), stream: null }, next: endobj + 7 };
  const head = text.slice(from, stream + 1);
  const lengths = [...head.matchAll(/\/Length (\d+)\n/g)];
  if (lengths.length !== 1) return `object ${num} has a stream without one plain /Length`;
  const start = stream + 8;
  const end = start + Number(lengths[0]![1]);
  if (text.slice(end, end + 18) !== '\nendstream\nendobj\n') return `the stream of object ${num} does not end where its /Length says`;
  const raw = pdf.subarray(start, end);
  let decoded: Buffer = raw;
  if (/\/Filter \/FlateDecode\n/.test(head)) {
    try {
      decoded = inflateSync(raw);
    } catch {
      return `the stream of object ${num} is not valid Flate data`;
    }
  }
  return { object: { num, head: head.replace(/\/Length \d+\n/, '/Length ?\n'), stream: decoded }, next: end + 18 };
}
