import type { Lang } from '../i18n/lang.js';
import type { Browser } from '../app/browse.js';
import type { Workspace } from '../app/workspace.js';

/** What every route gets: the run's settings and the archive it works on. */
export interface UiDeps {
  readonly token: string;
  readonly port: number;
  /** The language when the visitor has not chosen one on the page: the CLI's rule (--lang, else the locale). */
  readonly lang: Lang;
  readonly maxUpload: number;
  readonly workspace: Workspace;
  readonly browser: Browser;
}

export interface UiEnv {
  Variables: { lang: Lang };
}
