/**
 * What a file is, by its first bytes (magic numbers), never by its name: a name is whatever the
 * sender typed, the bytes are the evidence. A hand-written table rather than `file-type`: we need
 * eight formats, a synchronous check of a buffer we already hold, and no extra dependency chain
 * in a tool whose output must be re-checkable years later.
 */
export type FileTypeName = 'png' | 'jpeg' | 'gif' | 'webp' | 'heic' | 'heif' | 'pdf' | 'zip' | 'docx' | 'xlsx' | 'pptx';

export interface FileType {
  readonly name: FileTypeName;
  readonly mime: string;
  readonly image: boolean;
}

/** The MIME type recorded for bytes no signature recognises. */
export const UNKNOWN_MIME = 'application/octet-stream';

/** How many leading bytes `detectFileType` looks at (the ZIP walk looks furthest). */
export const SIGNATURE_HEAD_BYTES = 64 * 1024;

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

function bytesAt(head: Uint8Array, offset: number, expected: readonly number[]): boolean {
  if (head.length < offset + expected.length) return false;
  return expected.every((b, i) => head[offset + i] === b);
}

const type = (name: FileTypeName, mime: string, image = false): FileType => ({ name, mime, image });

/** ISO/IEC 23008-12 (HEIF): an ISO BMFF `ftyp` box whose major brand names an HEIF image. */
const HEIF_BRANDS: Readonly<Record<string, FileType>> = {
  heic: type('heic', 'image/heic', true),
  heix: type('heic', 'image/heic', true),
  mif1: type('heif', 'image/heif', true),
  msf1: type('heif', 'image/heif', true),
};

function heif(head: Uint8Array): FileType | null {
  if (!bytesAt(head, 4, ascii('ftyp')) || head.length < 12) return null;
  return HEIF_BRANDS[String.fromCharCode(...head.subarray(8, 12))] ?? null;
}

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

/** Office Open XML (ECMA-376) keeps each document kind's parts under its own folder. */
const OFFICE_FOLDERS: readonly [string, FileType][] = [
  ['word/', type('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')],
  ['xl/', type('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')],
  ['ppt/', type('pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation')],
];

/**
 * Walks the ZIP local file headers (APPNOTE.TXT §4.3.7) inside `head` until an entry name shows an
 * Office folder. Stops where the next header cannot be located without inflating: flag bit 3 means
 * the sizes come after the data (§4.4.4); the file is then reported as a plain ZIP.
 */
function officeType(head: Uint8Array): FileType | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let p = 0;
  while (p + 30 <= head.length && bytesAt(head, p, ZIP_LOCAL_HEADER)) {
    const flags = view.getUint16(p + 6, true);
    const compressedSize = view.getUint32(p + 18, true);
    const nameLength = view.getUint16(p + 26, true);
    const extraLength = view.getUint16(p + 28, true);
    const name = new TextDecoder().decode(head.subarray(p + 30, p + 30 + nameLength));
    const office = OFFICE_FOLDERS.find(([folder]) => name.startsWith(folder));
    if (office) return office[1];
    if (flags & 0x08) return null;
    p += 30 + nameLength + extraLength + compressedSize;
  }
  return null;
}

const ZIP = type('zip', 'application/zip');

/** The table: each entry's spec section is its first line of defence against a wrong guess. */
const SIGNATURES: readonly ((head: Uint8Array) => FileType | null)[] = [
  (h) => (bytesAt(h, 0, [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a]) ? type('png', 'image/png', true) : null), // PNG §5.2
  (h) => (bytesAt(h, 0, [0xff, 0xd8, 0xff]) ? type('jpeg', 'image/jpeg', true) : null), // JFIF/Exif: SOI then a marker
  (h) => (bytesAt(h, 0, ascii('GIF87a')) || bytesAt(h, 0, ascii('GIF89a')) ? type('gif', 'image/gif', true) : null),
  (h) => (bytesAt(h, 0, ascii('RIFF')) && bytesAt(h, 8, ascii('WEBP')) ? type('webp', 'image/webp', true) : null), // RFC 9649 (WebP container)
  heif,
  (h) => (bytesAt(h, 0, ascii('%PDF-')) ? type('pdf', 'application/pdf') : null), // ISO 32000 §7.5.2
  (h) => (bytesAt(h, 0, ZIP_LOCAL_HEADER) ? (officeType(h) ?? ZIP) : bytesAt(h, 0, ZIP_EMPTY) ? ZIP : null),
];

/** The type the leading bytes show, or null when no signature matches. Pure; looks at most at SIGNATURE_HEAD_BYTES. */
export function detectFileType(head: Uint8Array): FileType | null {
  const window = head.subarray(0, SIGNATURE_HEAD_BYTES);
  for (const signature of SIGNATURES) {
    const found = signature(window);
    if (found) return found;
  }
  return null;
}
