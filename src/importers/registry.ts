import type { FormatName, Importer } from './importer.js';
import { lineImporter } from './line/index.js';
import { chatworkJsonImporter } from './chatwork-json/index.js';
import { chatworkTextImporter } from './chatwork-text/index.js';
import { crowdworksImporter } from './crowdworks/index.js';
import { lancersImporter } from './lancers/index.js';

/** Every importer, in the order detection tries them. Adding a source = one folder + one line here. */
export const importers: readonly Importer[] = [lineImporter, chatworkJsonImporter, crowdworksImporter, lancersImporter, chatworkTextImporter];

export function importerFor(format: FormatName): Importer | undefined {
  return importers.find((i) => i.format === format);
}
