import { createRequire } from 'node:module';

/**
 * Noto Sans JP (OFL-1.1), subset-embedded by pdfkit. The package is never imported: its index
 * requires .ttf files, which only works under Expo/Metro (stack.md §3c); the files are resolved.
 */
const require = createRequire(import.meta.url);

export const FONT_REGULAR = 'jp';
export const FONT_BOLD = 'jp-bold';

export const fontFiles: Readonly<Record<typeof FONT_REGULAR | typeof FONT_BOLD, string>> = {
  [FONT_REGULAR]: require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'),
  [FONT_BOLD]: require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'),
};
