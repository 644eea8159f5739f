import { packageVersion } from '../../src/paths.js';
import type { Report } from '../../src/report/model.js';
import type { Renderer } from '../../src/report/verify/pages.js';
import { stampedFile, tokenInUpdate } from './doc-timestamp/index.js';
import { pdfExporter } from './index.js';

/** The PDF exporter as verify-report uses it: this chatproof's name, and a report model in, the whole file's bytes out. */
export function pdfRenderer(): Renderer {
  return {
    generator: `chatproof ${packageVersion()}`,
    async render(report: Report) {
      const chunks: Uint8Array[] = [];
      await pdfExporter.render(report, { write: (chunk) => chunks.push(chunk) });
      return Buffer.concat(chunks);
    },
    documentTimestamp(first: Buffer, update: Buffer) {
      const token = tokenInUpdate(update);
      if (token === null) return null;
      try {
        return { token, ...stampedFile(first, token) };
      } catch {
        // A first revision not in the shape chatproof writes: the pages check names what is wrong with it.
        return null;
      }
    },
  };
}
