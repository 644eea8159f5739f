import type { Report } from '../../src/report/model.js';
import { pdfExporter } from './index.js';

/** The PDF exporter as verify-report uses it: a report model in, the whole file's bytes out. */
export function pdfRenderer(generator: string): { readonly generator: string; render(report: Report): Promise<Uint8Array> } {
  return {
    generator,
    async render(report) {
      const chunks: Uint8Array[] = [];
      await pdfExporter.render(report, { write: (chunk) => chunks.push(chunk) });
      return Buffer.concat(chunks);
    },
  };
}
