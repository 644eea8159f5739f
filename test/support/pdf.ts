import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Reading a PDF the way a reader's tools would: pdf.js (Mozilla's parser, not the pdfkit that
 * wrote it) for page text and embedded files, and poppler/qpdf for what they report.
 */

/** The document and its loading task, which alone can release it (pdf.js 6). */
async function openPdf(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: pdfjs.VerbosityLevel.ERRORS });
  return { doc: await task.promise, close: () => task.destroy() };
}

/** The text of every page, lines joined with "\n" as pdf.js marks them. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const { doc, close } = await openPdf(bytes);
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    return pages;
  } finally {
    await close();
  }
}

/** The embedded files by name. */
export async function pdfAttachments(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const { doc, close } = await openPdf(bytes);
  try {
    const out = new Map<string, Buffer>();
    for (const name of (await doc.getAttachments())?.keys() ?? []) {
      out.set(name, Buffer.from((await doc.getAttachmentContent(name)) ?? new Uint8Array(0)));
    }
    return out;
  } finally {
    await close();
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Why a command-line tool cannot be used (for a skip message), or null when it can. */
export function toolMissing(tool: string, install = 'apt-get install poppler-utils qpdf'): string | null {
  const probe = spawnSync(tool, ['-v'], { encoding: 'utf8' });
  return probe.error === undefined ? null : `${tool} not found (${probe.error.message}): ${install} to run this test`;
}

export function run(tool: string, args: readonly string[]): string {
  return execFileSync(tool, [...args], { encoding: 'utf8' });
}

/**
 * A copy of `pdf` with one byte of an embedded file changed, as someone editing the evidence
 * would: qpdf --qdf writes every stream uncompressed, the byte after `needle` (which must occur
 * exactly once, inside that file) is replaced by a byte of the same length, so offsets stay valid.
 */
export function tamperEmbeddedByte(pdf: string, out: string, needle: string, replacement: string): void {
  const qdf = `${out}.qdf`;
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf, qdf]);
  const bytes = readFileSync(qdf);
  const at = bytes.indexOf(Buffer.from(needle, 'utf8'));
  if (at < 0 || bytes.indexOf(Buffer.from(needle, 'utf8'), at + 1) >= 0) throw new Error(`tamper: "${needle}" must occur exactly once in the uncompressed PDF`);
  const target = at + Buffer.byteLength(needle, 'utf8');
  const with1 = Buffer.from(replacement, 'utf8');
  if (with1.length !== 1) throw new Error('tamper: the replacement must be one byte');
  bytes[target] = with1[0]!;
  writeFileSync(out, bytes);
}
