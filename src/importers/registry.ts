import type { FormatName, Importer } from './importer.js';
import { lineImporter } from './line/index.js';

/** Every importer, in the order detection tries them. Adding a source = one folder + one line here. */
export const importers: readonly Importer[] = [lineImporter];

export function importerFor(format: FormatName): Importer | undefined {
  return importers.find((i) => i.format === format);
}
