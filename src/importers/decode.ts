/**
 * Bytes → text for every importer. The bytes stay the evidence (docs/hashing.md §1); this only
 * decides how to read them. Order of the checks, and why:
 *  1. known binary formats (PNG, ZIP, PDF…) are refused by their magic number, with a message that
 *     says what the file looks like (docs/design/formats.md §5 item 10: hygiene without guessing on junk);
 *  2. a BOM decides (UTF-8, UTF-16 LE/BE);
 *  3. BOM-less UTF-16 shows as NUL bytes on every other position (ASCII digits, tabs, newlines);
 *  4. any other NUL byte means binary: refused;
 *  5. strict UTF-8 (every LINE fixture is UTF-8, docs/design/formats.md §1.2 notes);
 *  6. mostly-UTF-8 with a few broken sequences: decoded with U+FFFD, each line named in a warning;
 *  7. otherwise a Japanese legacy encoding (a file re-saved by Windows Notepad as "ANSI" is CP932),
 *     chosen with chardet and confirmed by decoding without replacement characters; failing
 *     that, damaged UTF-8 as in 6.
 */
import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { InputError } from '../core/errors.js';
import { hasLoneSurrogate, replaceLoneSurrogates } from '../core/unicode.js';
import type { Warning } from '../core/types.js';
import type { DecodedInput } from './importer.js';
import { msg, type Phrase } from '../i18n/message.js';

interface BinaryKind {
  /** Byte strings at offsets, all of which must match. */
  readonly signature: readonly (readonly [at: number, bytes: readonly number[]])[];
  readonly looksLike: Phrase;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const BINARY_KINDS: readonly BinaryKind[] = [
  { signature: [[0, [0x89, ...ascii('PNG')]]], looksLike: msg('binary.png') },
  { signature: [[0, [0xff, 0xd8, 0xff]]], looksLike: msg('binary.jpeg') },
  { signature: [[0, ascii('GIF8')]], looksLike: msg('binary.gif') },
  // ISO media (HEIC photos, MP4/MOV videos): a small big-endian box size, then `ftyp`.
  {
    signature: [
      [0, [0]],
      [4, ascii('ftyp')],
    ],
    looksLike: msg('binary.isomedia'),
  },
  { signature: [[0, ascii('%PDF-')]], looksLike: msg('binary.pdf') },
  { signature: [[0, [...ascii('PK'), 0x03, 0x04]]], looksLike: msg('binary.zip') },
  { signature: [[0, [...ascii('PK'), 0x05, 0x06]]], looksLike: msg('binary.zip-empty') },
  { signature: [[0, [0x1f, 0x8b]]], looksLike: msg('binary.gzip') },
  { signature: [[0, [0xd0, 0xcf, 0x11, 0xe0]]], looksLike: msg('binary.office-old') },
  { signature: [[0, ascii('SQLite format 3')]], looksLike: msg('binary.sqlite') },
  { signature: [[0, ascii('Rar!')]], looksLike: msg('binary.rar') },
  { signature: [[0, [0x37, 0x7a, 0xbc, 0xaf]]], looksLike: msg('binary.7z') },
];

const NOT_A_CHAT_HINT = msg('input.not-a-chat.hint');

/**
 * chardet and iconv-lite, loaded for the inputs that need them (UTF-16, legacy Japanese
 * encodings): ~7 ms of every import otherwise, UTF-8 being what nearly every export is (docs/performance.md).
 */
function legacyCodecs(): { chardet: typeof import('chardet').default; iconv: typeof import('iconv-lite') } {
  const require = createRequire(import.meta.url);
  return { chardet: require('chardet') as typeof import('chardet').default, iconv: require('iconv-lite') as typeof import('iconv-lite') };
}

/** Lines named one by one in warnings before the rest are summed up, so a damaged file stays readable. */
const MAX_LINE_WARNINGS = 20;

/**
 * From this size a valid UTF-8 input stays bytes (DecodedInput.utf8), its text made only if read.
 * The LINE reader then decodes each line twice, once for the records and once for the messages,
 * instead of holding the text: 17 MB at 200k messages, held to the end of the import. Below it
 * the text is a few MB, and one decode is faster: 16 ms of a 20k-message import (docs/performance.md).
 */
export const LAZY_TEXT_FROM = 8 * 1024 * 1024;

/**
 * Decodes an input for the importers. Throws `InputError` for binary files (with what the file
 * looks like and what to do); everything else decodes, with warnings for replaced characters.
 * `lazyTextFrom`: the size from which valid UTF-8 stays bytes (tests lower it).
 */
export function decodeInput(bytes: Uint8Array, name: string | null, lazyTextFrom = LAZY_TEXT_FROM): DecodedInput {
  const where = name ?? undefined;
  const kind = BINARY_KINDS.find((k) => k.signature.every(([at, magic]) => startsWithAt(bytes, magic, at)));
  if (kind) throw new InputError(msg('input.binary-kind', { kind: kind.looksLike }), { ...(where ? { where } : {}), hint: NOT_A_CHAT_HINT });

  const decoded = decodeText(bytes);
  // A chat export never holds a NUL character: outside UTF-16 a NUL byte means binary data.
  const line = 'utf8' in decoded ? nulLineInUtf8(decoded.utf8) : nulLineInText(decoded.text);
  if (line !== null) {
    throw new InputError(msg('input.binary-nul', { line }), {
      where: name === null ? `line ${line}` : `${name}:${line}`,
      hint: NOT_A_CHAT_HINT,
    });
  }
  if (!('utf8' in decoded)) return { bytes, text: decoded.text, encoding: decoded.encoding, name, decodeWarnings: decoded.warnings };
  const { utf8, encoding } = decoded;
  if (utf8.length < lazyTextFrom) return { bytes, text: utf8Text(utf8), encoding, name, decodeWarnings: [] };
  let text: string | undefined;
  return {
    bytes,
    utf8,
    encoding,
    name,
    decodeWarnings: [],
    get text(): string {
      return (text ??= utf8Text(utf8));
    },
  };
}

function utf8Text(utf8: Uint8Array): string {
  return Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength).toString('utf8');
}

function nulLineInText(text: string): number | null {
  const nul = text.indexOf('\u0000');
  return nul < 0 ? null : lineAt(text, nul);
}

function nulLineInUtf8(utf8: Uint8Array): number | null {
  const bytes = Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength);
  const nul = bytes.indexOf(0);
  if (nul < 0) return null;
  let line = 1;
  for (let lf = bytes.indexOf(0x0a); lf !== -1 && lf < nul; lf = bytes.indexOf(0x0a, lf + 1)) line++;
  return line;
}

/** Valid UTF-8 stays bytes until its text is asked for (DecodedInput.utf8); everything else is decoded here. */
type Decoded =
  | { readonly utf8: Uint8Array; readonly encoding: string }
  | { readonly text: string; readonly encoding: string; readonly warnings: readonly Warning[] };

function decodeText(bytes: Uint8Array): Decoded {
  if (startsWithAt(bytes, [0xef, 0xbb, 0xbf], 0)) return decodeUtf8(bytes.subarray(3), 'utf-8-bom');
  if (startsWithAt(bytes, [0xff, 0xfe], 0)) return decodeUtf16(bytes.subarray(2), 'le', 'utf-16le');
  if (startsWithAt(bytes, [0xfe, 0xff], 0)) return decodeUtf16(bytes.subarray(2), 'be', 'utf-16be');
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return decodeUtf16(bytes, utf16, `utf-16${utf16}-nobom`);
  return decodeUtf8(bytes, 'utf-8');
}

function decodeUtf8(bytes: Uint8Array, encoding: string): Decoded {
  if (isUtf8(bytes)) return { utf8: bytes, encoding };
  // Not valid UTF-8: either a UTF-8 file with some damage, or another encoding altogether.
  const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const { replaced, otherNonAscii } = countNonAscii(lossy);
  // A UTF-8 file with damage still has mostly valid multi-byte characters; Shift_JIS read as
  // UTF-8 has almost none, so this tells the two apart on any realistic text.
  if (otherNonAscii > replaced * 2) return { text: lossy, encoding, warnings: damagedLineWarnings(bytes) };
  // Else a legacy Japanese encoding if one fits cleanly; failing that, damaged UTF-8 all the same.
  return decodeJapaneseLegacy(bytes) ?? { text: lossy, encoding, warnings: damagedLineWarnings(bytes) };
}

/** CP932 (Windows "ANSI" on Japanese Windows) or EUC-JP, if one decodes the bytes cleanly. */
function decodeJapaneseLegacy(bytes: Uint8Array): (Decoded & { readonly text: string }) | null {
  const { chardet, iconv } = legacyCodecs();
  // A guess needs a sample, not the whole file (chardet would read all of a 200 MB export).
  const guesses = chardet.analyse(bytes.subarray(0, 65_536)).map((m) => m.name);
  // chardet ranks short Japanese text below Cyrillic code pages; only Japanese encodings are
  // plausible for these chats, so try those in chardet's order, then the usual default.
  const order = [...guesses.filter((g) => g === 'Shift_JIS' || g === 'EUC-JP'), 'Shift_JIS', 'EUC-JP'];
  for (const guess of new Set(order)) {
    // iconv-lite's Shift_JIS table is CP932 (NEC/IBM extensions such as ① and ～ included).
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), guess === 'Shift_JIS' ? 'cp932' : 'euc-jp');
    if (!text.includes('\ufffd')) return { text, encoding: guess === 'Shift_JIS' ? 'shift_jis' : 'euc-jp', warnings: [] };
  }
  return null;
}

function decodeUtf16(bytes: Uint8Array, order: 'le' | 'be', encoding: string): Decoded & { readonly text: string } {
  const whole = bytes.length % 2 === 0 ? bytes : bytes.subarray(0, bytes.length - 1);
  const { iconv } = legacyCodecs();
  const text = iconv.decode(Buffer.from(whole.buffer, whole.byteOffset, whole.byteLength), order === 'le' ? 'utf-16le' : 'utf-16be');
  const warnings: Warning[] = whole === bytes ? [] : [{ line: lineAt(text, Math.max(0, text.length - 1)), message: msg('decode.utf16-half') }];
  return { text: replaceLoneSurrogates(text), encoding, warnings: [...loneSurrogateWarnings(text), ...warnings] };
}

/**
 * A damaged UTF-16 file can hold half of a surrogate pair, which is no character (iconv keeps it
 * as it is): each line with one is named, as for broken UTF-8, and the text gets U+FFFD there.
 */
function loneSurrogateWarnings(text: string): Warning[] {
  if (!hasLoneSurrogate(text)) return [];
  const lines = text.split('\n').flatMap((line, i) => (hasLoneSurrogate(line) ? [i + 1] : []));
  const named: Warning[] = lines.slice(0, MAX_LINE_WARNINGS).map((line) => ({
    line,
    message: msg('decode.surrogate', { line }),
  }));
  const rest = lines.slice(MAX_LINE_WARNINGS);
  if (rest.length > 0) named.push({ line: rest[0]!, message: msg('decode.surrogate.more', { count: rest.length, line: rest[0]! }) });
  return named;
}

/**
 * UTF-16 without a BOM: ASCII characters (digits, tabs, newlines — at least one in twenty even in
 * a chat of long Japanese messages) have a NUL high byte, so NULs fall on odd (LE) or even (BE)
 * positions and hardly ever on the other; binary data has them on both.
 */
function bomlessUtf16(bytes: Uint8Array): 'le' | 'be' | null {
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  // At least 8 NULs too: one stray NUL in a short UTF-8 line is binary junk, not UTF-16.
  const enough = Math.max(8, (sample / 2) * 0.05);
  if (odd >= enough && even * 10 <= odd) return 'le';
  if (even >= enough && odd * 10 <= even) return 'be';
  return null;
}

function countNonAscii(text: string): { replaced: number; otherNonAscii: number } {
  let replaced = 0;
  let otherNonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replaced++;
    else if (c > 0x7f) otherNonAscii++;
  }
  return { replaced, otherNonAscii };
}

/** One warning per line that holds invalid UTF-8 (LF bytes never occur inside a UTF-8 sequence, so byte lines are text lines). */
function damagedLineWarnings(bytes: Uint8Array): Warning[] {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const damaged: number[] = [];
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    const lf = bytes.indexOf(0x0a, start);
    const end = lf === -1 ? bytes.length : lf;
    try {
      strict.decode(bytes.subarray(start, end));
    } catch {
      damaged.push(line);
    }
    if (lf === -1) break;
    start = lf + 1;
  }
  const named = damaged.slice(0, MAX_LINE_WARNINGS).map((line) => ({
    line,
    message: msg('decode.bad-utf8'),
  }));
  const rest = damaged.slice(MAX_LINE_WARNINGS);
  if (rest.length > 0) named.push({ line: rest[0]!, message: msg('decode.bad-utf8.more', { more: rest.length - 1 }) });
  return named;
}

function startsWithAt(bytes: Uint8Array, magic: readonly number[], at: number): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

/** 1-based line of a UTF-16 offset, counting LF as the line break (as `splitLines` in lines.ts does). */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
