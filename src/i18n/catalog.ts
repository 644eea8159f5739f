/**
 * The message catalogs, one per language. English defines the keys and each entry's parameters;
 * Japanese is typed against it, so a key missing from either language, an extra one, or an entry
 * taking other parameters fails the typecheck. Keys are stable codes: `--json` error documents and
 * the web app show them, so a key is renamed only with its users.
 *
 * Adding a text: put the English entry in en/AREA.ts (a string, or a function of one parameter
 * object), the Japanese one under the same key in ja/AREA.ts, then `msg('key', {...})` where it is
 * raised (errors, warnings: no language there) and `render(ctx.lang, ...)` where it is written.
 */
import { appEn } from './en/app.js';
import { asofEn } from './en/asof.js';
import { chatworkEn } from './en/chatwork.js';
import { cliEn } from './en/cli.js';
import { coverageEn } from './en/coverage.js';
import { environmentEn } from './en/environment.js';
import { errorsEn } from './en/errors.js';
import { helpEn } from './en/help.js';
import { ioEn } from './en/io.js';
import { jsonEn } from './en/json.js';
import { lineEn } from './en/line.js';
import { rawEn } from './en/raw.js';
import { reparseEn } from './en/reparse.js';
import { sniffEn } from './en/sniff.js';
import { outEn } from './en/out.js';
import { pasteEn } from './en/paste.js';
import { problemsEn } from './en/problems.js';
import { storeEn } from './en/store.js';
import { timestampEn } from './en/timestamp.js';
import { uiEn } from './en/ui.js';
import { verifyEn } from './en/verify.js';
import { warningsEn } from './en/warnings.js';
import { appJa } from './ja/app.js';
import { asofJa } from './ja/asof.js';
import { chatworkJa } from './ja/chatwork.js';
import { cliJa } from './ja/cli.js';
import { coverageJa } from './ja/coverage.js';
import { environmentJa } from './ja/environment.js';
import { errorsJa } from './ja/errors.js';
import { helpJa } from './ja/help.js';
import { ioJa } from './ja/io.js';
import { jsonJa } from './ja/json.js';
import { lineJa } from './ja/line.js';
import { rawJa } from './ja/raw.js';
import { reparseJa } from './ja/reparse.js';
import { sniffJa } from './ja/sniff.js';
import { outJa } from './ja/out.js';
import { pasteJa } from './ja/paste.js';
import { problemsJa } from './ja/problems.js';
import { storeJa } from './ja/store.js';
import { timestampJa } from './ja/timestamp.js';
import { uiJa } from './ja/ui.js';
import { verifyJa } from './ja/verify.js';
import { warningsJa } from './ja/warnings.js';
import type { Lang } from './lang.js';

// One area a line, in alphabetical order: helpers adding areas at once then touch different lines.
const en = {
  ...appEn,
  ...asofEn,
  ...chatworkEn,
  ...cliEn,
  ...coverageEn,
  ...environmentEn,
  ...errorsEn,
  ...helpEn,
  ...ioEn,
  ...jsonEn,
  ...lineEn,
  ...outEn,
  ...pasteEn,
  ...problemsEn,
  ...rawEn,
  ...reparseEn,
  ...sniffEn,
  ...storeEn,
  ...timestampEn,
  ...uiEn,
  ...verifyEn,
  ...warningsEn,
};

export type Catalog = typeof en;
export type MessageKey = keyof Catalog;

const ja: Catalog = {
  ...appJa,
  ...asofJa,
  ...chatworkJa,
  ...cliJa,
  ...coverageJa,
  ...environmentJa,
  ...errorsJa,
  ...helpJa,
  ...ioJa,
  ...jsonJa,
  ...lineJa,
  ...outJa,
  ...pasteJa,
  ...problemsJa,
  ...rawJa,
  ...reparseJa,
  ...sniffJa,
  ...storeJa,
  ...timestampJa,
  ...uiJa,
  ...verifyJa,
  ...warningsJa,
};

export const catalogs: Readonly<Record<Lang, Catalog>> = { ja, en };
