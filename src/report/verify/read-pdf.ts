import { InputError } from '../../core/errors.js';

/**
 * The files embedded in a PDF, by name, read with pdf.js (Mozilla's parser: a second, independent
 * reading of what pdfkit wrote). Anything that is not a readable PDF is an InputError (exit 3).
 */
export async function readEmbeddedFiles(bytes: Uint8Array, where: string): Promise<Map<string, Uint8Array>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    // pdf.js takes ownership of the buffer it is given: hand it a copy.
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: pdfjs.VerbosityLevel.ERRORS, isEvalSupported: false }).promise;
  } catch (cause) {
    throw new InputError('This file is not a readable PDF.', { where, hint: 'Check that you gave the report PDF that chatproof wrote.', cause });
  }
  try {
    const found = ((await doc.getAttachments()) ?? {}) as Record<string, { filename: string; content: Uint8Array }>;
    const out = new Map<string, Uint8Array>();
    for (const [name, file] of Object.entries(found)) out.set(name, file.content);
    return out;
  } finally {
    await doc.destroy();
  }
}
