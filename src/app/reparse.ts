/**
 * `reparse CAPTURE`: a capture kept with `import --raw` is read again, once a parser reads its
 * layout. The stored original (re-hashed on read) is parsed as an import would parse it, and the
 * messages are recorded as a NEW capture of the same room and the same original, whose entry names
 * the raw capture (`reparseOf`): the raw capture stays as it was, the original is not stored
 * again, and the new capture shows the room as of the raw capture's time — when the text was
 * pasted, not when it was read (core/entries/capture.ts `captureAsOf`). `verify` re-parses it like
 * any capture and checks what `reparseOf` names (src/app/verify-reparse.ts).
 */
import { InterruptedError, UsageError } from '../core/errors.js';
import { RAW_VARIANT, type Warning } from '../core/types.js';
import { msg } from '../i18n/message.js';
import type { FormatName } from '../importers/importer.js';
import type { Archive } from '../store/archive.js';
import type { CaptureRecord } from '../store/records.js';
import { confirmOrRefuse, readCapture, type ImportHooks, type ImportResult, type RefusalHint } from './import-capture.js';

export interface ReparseRequest {
  /** The raw capture's id, or a prefix of it as `show --capture` takes. */
  readonly capture: string;
  readonly format: FormatName | 'auto';
  readonly members: readonly string[];
  /** The zone to read local times in; null: the raw capture's own (the zone it was pasted in). */
  readonly tz: string | null;
  readonly signal: AbortSignal;
}

export interface ReparseResult extends ImportResult {
  /** The capture read again. */
  readonly rawCapture: CaptureRecord;
}

/** A refusal names the raw capture, which stays kept as it is; the next step is another format or a later version. */
const stillRaw =
  (capture: string): RefusalHint =>
  (hint) =>
    msg('hint.reparse-still-raw', { hint, capture });

export async function reparseCapture(archive: Archive, req: ReparseRequest, hooks: ImportHooks): Promise<ReparseResult> {
  const raw = archive.capture(req.capture);
  if (raw.parserVersion !== RAW_VARIANT)
    throw new UsageError(msg('usage.reparse-not-raw', { capture: raw.id, format: raw.format }), { hint: msg('usage.reparse-not-raw.hint') });
  const room = archive.rooms().find((r) => r.id === raw.roomId)!;
  const bytes = archive.blob(raw.rawSha256);
  const tz = req.tz ?? raw.tz;
  const { importerFor } = await import('../importers/registry.js');
  // Checked once the format is known and before the parse: messages of another service cannot go into this room.
  const sameService = (format: FormatName): void => {
    if (importerFor(format)?.source !== room.source)
      throw new UsageError(msg('usage.reparse-other-source', { capture: raw.id, format, title: room.title, source: room.source }), {
        hint: msg('usage.reparse-other-source.hint'),
      });
  };
  const { importer, encoding, parsed } = await readCapture(
    { input: { bytes, name: null, where: `capture ${raw.id}` }, format: req.format, room: room.title, members: req.members, tz },
    (format, reason) => {
      sameService(format);
      hooks.onEvent({ type: 'format', format, reason });
    },
    stillRaw(raw.id),
  );
  hooks.onEvent({ type: 'parsed' });
  const earlier = earlierReparse(archive, raw, { format: importer.format, parserVersion: importer.parserVersion, tz });
  if (earlier !== null) throw new UsageError(msg('usage.reparse-done', { capture: raw.id, reparse: earlier }), { hint: msg('usage.reparse-done.hint') });
  const found = parsed.warningsWith([]);
  if (found.length > 0) hooks.onEvent({ type: 'warnings', warnings: found });
  const { collect } = await import('../importers/importer.js');
  if (parsed.inferred || parsed.truncated) await confirmOrRefuse(collect(parsed), hooks, `capture ${raw.id}`);
  if (req.signal.aborted) throw new InterruptedError(msg('interrupted.import'));

  const making: Warning[] = [];
  const messages = [...parsed.messages.each(making)];
  if (making.length > 0) hooks.onEvent({ type: 'warnings', warnings: making });
  const { warningsWith, truncated } = parsed;
  const recorded = await archive.recordCaptureAsync({
    room: { id: room.id },
    raw: bytes,
    format: importer.format,
    variant: parsed.variant,
    parserVersion: importer.parserVersion,
    tz,
    coverageKind: parsed.coverage,
    messages,
    ...(parsed.coverageEnd ? { coverageEnd: parsed.coverageEnd } : {}),
    // As import does: a save time the text itself states places it; else the raw capture's time does (captureAsOf).
    ...(parsed.sourceSavedAt ? { sourceSavedAt: parsed.sourceSavedAt } : {}),
    reparseOf: raw.id,
    // The members are kept so that `verify` reads a LINE desktop export again as this did.
    meta: {
      encoding,
      warnings: warningsWith(making).length,
      ...(truncated ? { truncated } : {}),
      ...(req.members.length > 0 ? { members: [...req.members] } : {}),
    },
  });
  const { changesForCapture, placedBefore } = await import('./changes.js');
  const hashes = recorded.messageHashes;
  const changes = changesForCapture(archive, room.id, recorded.capture.id, hashes === null ? undefined : { messages, hashes });
  return { recorded, changes, warnings: warningsWith(making), placedBefore: placedBefore(archive, recorded.capture), rawCapture: raw };
}

/**
 * A capture that already read this raw capture with the same parser, in the same zone: reading it
 * again would give the same messages (verify holds each capture to its original), so a second one
 * adds nothing. Another zone (`--tz`) is another reading of the text, and is recorded.
 */
function earlierReparse(archive: Archive, raw: CaptureRecord, reading: Pick<CaptureRecord, 'format' | 'parserVersion' | 'tz'>): string | null {
  const same = (c: CaptureRecord): boolean =>
    c.reparseOf === raw.id && c.format === reading.format && c.parserVersion === reading.parserVersion && c.tz === reading.tz;
  return archive.captures(raw.roomId).find(same)?.id ?? null;
}
