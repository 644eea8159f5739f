import { sha256Hex } from '../core/hash.js';
import type { EmbeddedFile, EmbeddedRole } from './model.js';

/** Names and media types of the files a report embeds (docs/report.md "Attachments"). */

export function embedded(name: string, bytes: Uint8Array, role: EmbeddedRole, mime: string, description: string): EmbeddedFile {
  return { name, chunks: () => [bytes], size: bytes.length, sha256: sha256Hex(bytes), mime, role, description };
}

/** An original keeps a name that says what it is; the extension only helps a reader open it. */
export function originalName(ordinal: number, captureId: string, bytes: Uint8Array, extra?: number): string {
  return `capture-${ordinal}-${captureId}${extra === undefined ? '' : `-extra-${extra}`}.${sniffExtension(bytes)}`;
}

export function originalMime(name: string): string {
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.html')) return 'text/html';
  if (name.endsWith('.bin')) return 'application/octet-stream';
  return 'text/plain';
}

/** Only helps a reader open the file: JSON if it parses as JSON, HTML if it starts with a tag. */
function sniffExtension(bytes: Uint8Array): 'json' | 'html' | 'txt' | 'bin' {
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<')) return 'html';
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      JSON.parse(text);
      return 'json';
    } catch {
      // "[LINE] …" starts with a bracket too.
    }
  }
  return bytes.includes(0) ? 'bin' : 'txt';
}

export const tokenName = (entrySeq: number): string => `timestamp-${entrySeq}.tst`;
export const stampedDataName = (entrySeq: number): string => `timestamp-${entrySeq}.json`;

/** A kept file's name, made safe to save on any system by `pdfdetach -saveall`. */
export function attachmentName(entrySeq: number, name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120) || 'file';
  return `file-${entrySeq}-${safe}`;
}

/** PNG or JPEG by their magic bytes: only these are drawn in the appendix. */
export function imageKind(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}
