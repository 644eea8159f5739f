/**
 * A progress bar on stderr for commands that take more than about a second (docs/performance.md): import,
 * verify, report. Shown only when stderr is a terminal and the command is not running with
 * `--json`, only once ~1 s has passed (quick commands print nothing), and erased when done, so it
 * never ends up in a log or a pipe.
 *
 * The work it reports on is synchronous (a parse, a SQLite transaction), which blocks timers: the
 * bar is drawn from `update` calls, and the delay is measured on each call, not with a timer.
 *
 * Usage (for any command):
 *   const progress = startProgress(ctx.io, { json: ctx.json, label: 'report' });
 *   try {
 *     progress.update('pages', done, total);   // as often as you like; cheap while hidden
 *     progress.clear();                        // before writing other lines to stderr
 *   } finally {
 *     progress.finish();                       // always: it also stops the redraw timer
 *   }
 * `progress.update` has the shape of the store's callbacks (`VerifyProgress`, `CaptureProgress`),
 * so it can be passed to them as it is.
 */
import type { SingleBar } from 'cli-progress';
import { createRequire } from 'node:module';
import type { Lang } from '../i18n/lang.js';
import { msg, render, type Phrase } from '../i18n/message.js';
import type { Io } from './io.js';

/** `done` of `total` in `phase` (e.g. 'hash', 12000, 200000). */
export type ProgressCallback = (phase: string, done: number, total: number) => void;

export interface Progress {
  readonly update: ProgressCallback;
  /** Erases the bar (if shown) so that other lines can be written; the next update draws it again. */
  clear(): void;
  /** Erases the bar for good and stops its redraw timer. Idempotent; call it in `finally`. */
  finish(): void;
}

export interface ProgressOptions {
  readonly json: boolean;
  /** The command, shown (in the user's words) before the phase. */
  readonly label: 'import' | 'verify' | 'report';
  /** The language of the label and phases; English where not given. */
  readonly lang?: Lang;
  /** How long to wait before showing anything. Default 1000 ms; `CHATPROOF_PROGRESS_DELAY_MS` overrides both. */
  readonly delayMs?: number;
  /** A clock, for tests. */
  readonly now?: () => number;
}

export const DEFAULT_PROGRESS_DELAY_MS = 1000;

const LABELS: Readonly<Record<ProgressOptions['label'], Phrase>> = {
  import: msg('progress.import'),
  verify: msg('progress.verify'),
  report: msg('progress.report'),
};

/** The phases the store and the exporter report; one not listed here is shown by its name. */
const PHASES: Readonly<Record<string, Phrase>> = {
  parse: msg('progress.phase.parse'),
  store: msg('progress.phase.store'),
  compare: msg('progress.phase.compare'),
  messages: msg('progress.phase.messages'),
  layout: msg('progress.phase.layout'),
  pages: msg('progress.phase.pages'),
  originals: msg('progress.phase.originals'),
  states: msg('progress.phase.states'),
};

const SILENT: Progress = { update: () => {}, clear: () => {}, finish: () => {} };

/** What cli-progress writes to: the terminal calls of Node's readline need only `write`. */
interface BarStream {
  write(s: string): unknown;
  readonly isTTY: boolean;
  readonly columns: number | undefined;
}

function delayFrom(env: NodeJS.ProcessEnv, fallback: number): number {
  const v = Number(env['CHATPROOF_PROGRESS_DELAY_MS']);
  return env['CHATPROOF_PROGRESS_DELAY_MS'] !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback;
}

export function startProgress(io: Pick<Io, 'stderr' | 'env'>, opts: ProgressOptions): Progress {
  if (opts.json || io.stderr.isTTY !== true) return SILENT;
  const now = opts.now ?? Date.now;
  const delay = delayFrom(io.env, opts.delayMs ?? DEFAULT_PROGRESS_DELAY_MS);
  const started = now();
  const stream: BarStream = {
    write: (s) => io.stderr.write(s),
    isTTY: true,
    columns: (io.stderr as { columns?: number }).columns,
  };
  let bar: SingleBar | null = null;
  let shown = { phase: '', total: -1 };
  let finished = false;
  const lang = opts.lang ?? 'en';
  const phaseName = (phase: string): string => (PHASES[phase] === undefined ? phase : render(lang, PHASES[phase]));

  const clear = (): void => {
    bar?.stop();
    bar = null;
  };
  return {
    update(phase, done, total) {
      if (finished || now() - started < delay) return;
      if (bar === null) {
        bar = newBar(stream, render(lang, LABELS[opts.label]));
        bar.start(total, done, { phase: phaseName(phase) });
      } else if (phase !== shown.phase || total !== shown.total) {
        bar.setTotal(total);
        bar.update(done, { phase: phaseName(phase) });
      } else {
        bar.update(done);
      }
      shown = { phase, total };
    },
    clear,
    finish() {
      clear();
      finished = true;
    },
  };
}

/**
 * cli-progress is loaded on first show only, with a synchronous require (it is CommonJS): the
 * caller is inside synchronous work, and `--help` must not pay for it (docs/performance.md).
 */
function newBar(stream: BarStream, label: string): SingleBar {
  const { SingleBar: Bar } = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  return new Bar({
    // The library types its stream as a full NodeJS.WritableStream; it uses only write/isTTY/columns (lib/terminal.js).
    stream: stream as unknown as NodeJS.WritableStream,
    format: `${label} {phase} [{bar}] {percentage}% {value}/{total}`,
    barsize: 30,
    clearOnComplete: true,
    hideCursor: false,
    fps: 10,
  });
}

/** Runs synchronous `work` with a bar, erased afterwards whatever happens. */
export function withProgress<T>(io: Pick<Io, 'stderr' | 'env'>, opts: ProgressOptions, work: (update: ProgressCallback) => T): T {
  const progress = startProgress(io, opts);
  try {
    return work(progress.update);
  } finally {
    progress.finish();
  }
}
