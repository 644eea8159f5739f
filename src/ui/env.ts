import type { Lang } from '../i18n/lang.js';
import type { Browser } from '../app/browse.js';
import type { ChatworkSession } from '../app/chatwork-session.js';
import type { FolderWatcher } from '../app/watch-folder.js';
import type { Workspace } from '../app/workspace.js';
import type { Pending } from './pending.js';

/** What every route gets: the run's settings and the archive it works on. */
export interface UiDeps {
  readonly token: string;
  readonly port: number;
  /** The language when the visitor has not chosen one on the page: the CLI's rule (--lang, else the locale). */
  readonly lang: Lang;
  readonly maxUpload: number;
  readonly workspace: Workspace;
  /** The archive's settings file (src/app/settings.ts): the configured TSA, the watched folders. */
  readonly settingsFile: string;
  readonly browser: Browser;
  /** A folder private to this run (mode 0700) for the reports made here; removed when the app stops. */
  readonly scratch: string;
  /** Inputs read and shown, waiting for "store": from the import page and from the watched folders. */
  readonly imports: Pending;
  readonly watcher: FolderWatcher;
  readonly chatwork: ChatworkSession;
}

export interface UiEnv {
  Variables: { lang: Lang };
}
