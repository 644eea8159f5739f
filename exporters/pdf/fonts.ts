import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Noto Sans JP (OFL-1.1), subset-embedded by pdfkit. The package is never imported: its index
 * requires .ttf files, which only works under Expo/Metro (docs/design/platform-notes.md §3c); the files are resolved.
 */
const require = createRequire(import.meta.url);

export const FONT_REGULAR = 'jp';
export const FONT_BOLD = 'jp-bold';

export const fontFiles: Readonly<Record<typeof FONT_REGULAR | typeof FONT_BOLD, string>> = {
  [FONT_REGULAR]: require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'),
  [FONT_BOLD]: require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'),
};

const read = new Map<keyof typeof fontFiles, Buffer>();

/**
 * The font files' bytes, read once per process. A report is laid out twice (exporters/pdf/index.ts)
 * and each pdfkit document that opens a font by path reads its own 5.5 MB copy; the counting
 * pass's copies then stayed alive into the writing pass until a full GC: 11 MB on the peak.
 */
export function fontBytes(name: keyof typeof fontFiles): Buffer {
  let bytes = read.get(name);
  if (bytes === undefined) {
    bytes = readFileSync(fontFiles[name]);
    read.set(name, bytes);
  }
  return bytes;
}
