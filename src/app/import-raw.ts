/**
 * Keep an input as evidence exactly as it is, without reading its messages:
 * CrowdWorks and Lancers change their pages, and a layout no parser knows yet must not cost the
 * user the evidence. The original bytes are stored and logged like any capture's (hashed, in the
 * chain, covered by later timestamps) as a capture of variant `raw` with no messages: it covers no
 * time, so it never makes a message look deleted, and the report shows its text verbatim.
 */
import { UsageError } from '../core/errors.js';
import { RAW_VARIANT, type Source } from '../core/types.js';
import { msg } from '../i18n/message.js';
import type { FormatName } from '../importers/importer.js';
import type { Archive } from '../store/archive.js';
import type { RecordedCapture } from '../store/capture-write.js';
import type { ImportInput } from './import-capture.js';
import { matchRoom } from './room-arg.js';

export interface RawImportRequest {
  readonly input: ImportInput;
  readonly format: FormatName | 'auto';
  readonly room: string | undefined;
  readonly tz: string;
}

export async function importRaw(openArchive: () => Archive, req: RawImportRequest): Promise<RecordedCapture> {
  if (req.room === undefined) throw new UsageError(msg('usage.raw-needs-room'));
  const guess = await likelyFormat(req);
  const archive = openArchive();
  const known = matchRoom(archive.rooms(), req.room, 'whole');
  if (known === null && guess === null) throw new UsageError(msg('usage.raw-needs-format', { room: req.room }));
  const room = known !== null ? { id: known.id } : { source: guess!.source, externalId: null, title: req.room };
  return archive.recordCaptureAsync({
    room,
    raw: req.input.bytes,
    format: guess?.format ?? RAW_VARIANT,
    variant: RAW_VARIANT,
    parserVersion: RAW_VARIANT,
    tz: req.tz,
    coverageKind: 'window',
    messages: [],
    meta: { raw: true },
  });
}

/** The format named with --format, else the one whose sniff is most confident, if any is: what a later reparse would try. */
async function likelyFormat(req: RawImportRequest): Promise<{ readonly format: FormatName; readonly source: Source } | null> {
  const [{ decodeInput }, { importerFor, importers }] = await Promise.all([import('../importers/decode.js'), import('../importers/registry.js')]);
  if (req.format !== 'auto') {
    const importer = importerFor(req.format)!;
    return { format: importer.format, source: importer.source };
  }
  const decoded = decodeInput(req.input.bytes, req.input.name);
  let best: { format: FormatName; source: Source; confidence: number } | null = null;
  for (const importer of importers) {
    const { confidence } = importer.sniff(decoded);
    if (confidence > (best?.confidence ?? 0)) best = { format: importer.format, source: importer.source, confidence };
  }
  return best;
}
