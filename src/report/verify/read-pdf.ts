import { InputError } from '../../core/errors.js';
import { msg } from '../../i18n/message.js';

/**
 * The files embedded in a PDF, by name, read with pdf.js (Mozilla's parser: a second, independent
 * reading of what pdfkit wrote). Anything that is not a readable PDF is an InputError (exit 3).
 */
export async function readEmbeddedFiles(bytes: Uint8Array, where: string): Promise<Map<string, Uint8Array>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: pdfjs.VerbosityLevel.ERRORS });
  let doc;
  try {
    doc = await task.promise;
  } catch (cause) {
    throw new InputError(msg('input.not-pdf'), { where, hint: msg('input.not-pdf.hint'), cause });
  }
  try {
    // pdf.js 6 lists the files by their name-tree key and hands out their bytes on request.
    const out = new Map<string, Uint8Array>();
    for (const name of (await doc.getAttachments())?.keys() ?? []) {
      out.set(name, (await doc.getAttachmentContent(name)) ?? new Uint8Array(0));
    }
    return out;
  } finally {
    await task.destroy();
  }
}
