import { writeFileSync } from 'node:fs';
import { pdfExporter } from '../../exporters/pdf/index.js';
import { packageVersion } from '../../src/paths.js';
import { buildReport } from '../../src/report/build.js';
import { collectReportSource } from '../../src/report/collect.js';
import { Archive } from '../../src/store/archive.js';

/**
 * The report `report` would write of room `title`, rendered with its own model and renderer but
 * without its check before writing: what a forger who rewrote the archive does once `report`
 * refuses it.
 */
export async function renderUnchecked(db: string, title: string, pdf: string, secret: boolean): Promise<void> {
  const archive = Archive.open(db, { readonly: true });
  try {
    const room = archive.rooms().find((r) => r.title === title)!;
    const options = { lang: 'ja', title: null, tz: 'Asia/Tokyo', range: null, private: secret, generator: `chatproof ${packageVersion()}` } as const;
    const chunks: Uint8Array[] = [];
    await pdfExporter.render(buildReport(collectReportSource(archive, room, { withOriginals: !secret }), options), {
      write: (c) => void chunks.push(Uint8Array.from(c)),
    });
    writeFileSync(pdf, Buffer.concat(chunks));
  } finally {
    archive.close();
  }
}
