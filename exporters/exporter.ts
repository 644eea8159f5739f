import { setImmediate as nextTurn } from 'node:timers/promises';
import { InterruptedError } from '../src/core/errors.js';
import { msg } from '../src/i18n/message.js';
import type { Report, ShownMessage } from '../src/report/model.js';

/**
 * The exporter seam (docs/design/layout.md, after DiscordChatExporter's MessageWriter): one writer per output
 * format behind one interface, driven header → each message → footer. An exporter renders a
 * Report model and never touches the archive.
 */

/** Where rendered bytes go, in order. */
export interface ByteSink {
  write(chunk: Uint8Array): void;
}

/** Writes one report; made by an exporter for that report. */
export interface ReportWriter {
  /** Everything before the transcript: cover, summary of changes. */
  writeHeader(): void;
  /** One transcript message; `previous` lets the writer place date separators. */
  writeMessage(message: ShownMessage, previous: ShownMessage | null): void;
  /** Everything after it: files, appendix. Resolves when the last byte went to the sink. */
  writeFooter(): Promise<ExportResult>;
}

export interface ExportResult {
  readonly pages: number;
}

export interface Exporter {
  /** Renders `report` into `sink`, in order; an aborted `signal` stops it with nothing finished. */
  render(report: Report, sink: ByteSink, signal?: AbortSignal, progress?: RenderProgress): Promise<ExportResult>;
}

/** How often the drive loop lets the event loop run: output drains and Ctrl-C is seen. */
const YIELD_EVERY = 200;

/** `done` of `total` transcript messages in a named pass, for a progress bar. */
export type RenderProgress = (phase: string, done: number, total: number) => void;

/** Runs a writer over a report. Cancellable: an aborted signal stops it between messages. */
export async function drive(
  writer: ReportWriter,
  transcript: readonly ShownMessage[],
  signal?: AbortSignal,
  progress?: { readonly phase: string; readonly report: RenderProgress },
): Promise<ExportResult> {
  const stopIfAborted = (): void => {
    if (signal?.aborted === true) throw new InterruptedError(msg('interrupted.report'));
  };
  writer.writeHeader();
  let previous: ShownMessage | null = null;
  for (let i = 0; i < transcript.length; i++) {
    const message = transcript[i]!;
    writer.writeMessage(message, previous);
    previous = message;
    if (i % YIELD_EVERY === YIELD_EVERY - 1) {
      progress?.report(progress.phase, i + 1, transcript.length);
      await nextTurn();
      stopIfAborted();
    }
  }
  stopIfAborted();
  return writer.writeFooter();
}
