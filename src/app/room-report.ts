import { UsageError } from '../core/errors.js';
import { packageVersion } from '../paths.js';
import type { ReportLang } from '../report/model.js';
import { parseRange } from '../report/range.js';
import type { Archive } from '../store/archive.js';
import { resolveTsa, TSA_PRESETS } from '../timestamp/index.js';
import { exportReport, type Exported } from './make-report.js';
import type { Anchors } from './stamp.js';
import { findRoom } from './room-arg.js';
import { msg } from '../i18n/message.js';

/** A report as a form asks for it: the same choices as `chatproof report`, as text. */
export interface ReportChoices {
  readonly room: string;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly private: boolean;
  /** A preset name (freetsa, digicert, sectigo) or a TSA URL; absent: no timestamp. */
  readonly tsa?: string | undefined;
  /** What the timestamp is checked against (the `tsa-cert` setting); absent: Node's Mozilla roots. */
  readonly anchors?: Anchors | undefined;
  readonly title?: string | undefined;
  readonly lang: ReportLang;
  readonly tz: string;
}

export const TSA_NAMES: readonly string[] = TSA_PRESETS.map((p) => p.name);

/** `chatproof report` for a front end: the choices are checked as the CLI checks its options. */
export function makeRoomReport(archive: Archive, choices: ReportChoices, file: string, signal?: AbortSignal): Promise<Exported> {
  const range = parseRange(choices.from, choices.to, choices.tz);
  const tsa = choices.tsa === undefined ? null : resolveTsa(choices.tsa);
  if (choices.title !== undefined && choices.title.trim() === '') throw new UsageError(msg('usage.title-empty'));
  const room = findRoom(archive, choices.room);
  return exportReport(archive, {
    room,
    file,
    tsa,
    anchors: choices.anchors ?? { certs: [], file: undefined },
    ...(signal ? { signal } : {}),
    lang: choices.lang,
    title: choices.title ?? null,
    tz: choices.tz,
    range,
    private: choices.private,
    generator: `chatproof ${packageVersion()}`,
  });
}
