import type { ReportLang } from './model.js';
import type { DateRange } from './range.js';

/** What the person asked of a report, besides the room: its language, title, zone, range and mode. */
export interface BuildOptions {
  readonly lang: ReportLang;
  /** `--title`; null gives the default title for the room. */
  readonly title: string | null;
  /** Zone the pages show times in. */
  readonly tz: string;
  readonly range: DateRange | null;
  readonly private: boolean;
  /** e.g. "chatproof 0.1.0", stated in the manifest. */
  readonly generator: string;
}
