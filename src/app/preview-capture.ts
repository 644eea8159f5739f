import type { Message, Source, Warning } from '../core/types.js';
import type { FormatName, InferredSummary } from '../importers/importer.js';
import type { Phrase } from '../i18n/message.js';
import type { RoomRecord } from '../store/records.js';
import { matchRoom } from './room-arg.js';

/** What a person checks before an input is stored: what importCapture would read from the same bytes. */
export interface CapturePreview {
  readonly format: FormatName;
  /** Why this format was chosen. */
  readonly reason: string | Phrase;
  readonly variant: string;
  readonly source: Source;
  /** The room the input names, or null when a room name must be given. */
  readonly roomTitle: string | null;
  /** The source's own id of the room (Chatwork's room_id), when the input has one. */
  readonly externalId: string | null;
  readonly messages: number;
  readonly first: string | null;
  readonly last: string | null;
  readonly senders: readonly { readonly name: string; readonly count: number }[];
  readonly sample: readonly Message[];
  readonly warnings: readonly Warning[];
  /** Set when the structure was guessed (pastes): storing asks first, as the CLI does. */
  readonly inferred: InferredSummary | null;
  readonly truncated: { readonly line: number; readonly reason: string } | null;
}

export interface PreviewRequest {
  readonly bytes: Buffer;
  readonly name: string | null;
  readonly where: string;
  readonly room?: string | undefined;
  readonly tz: string;
}

const SAMPLE = 5;

/** Reads an input with `importCapture`'s own read step (the same decoder, detection and parser) and stores nothing. */
export async function previewCapture(req: PreviewRequest): Promise<CapturePreview> {
  const [{ readCapture }, { collect }] = await Promise.all([import('./import-capture.js'), import('../importers/importer.js')]);
  const {
    importer,
    reason,
    parsed: streamed,
    savedLate,
  } = await readCapture({ input: { bytes: req.bytes, name: req.name, where: req.where }, format: 'auto', room: req.room, members: [], tz: req.tz });
  const parsed = collect(streamed);
  const counts = new Map<string, number>();
  for (const m of parsed.messages) counts.set(m.sender ?? '—', (counts.get(m.sender ?? '—') ?? 0) + 1);
  return {
    format: importer.format,
    reason,
    variant: parsed.variant,
    source: parsed.source,
    roomTitle: req.room ?? parsed.room.title,
    externalId: parsed.room.externalId,
    messages: parsed.messages.length,
    first: parsed.messages[0]?.sentAt ?? null,
    last: parsed.messages[parsed.messages.length - 1]?.sentAt ?? null,
    senders: [...counts].sort((a, b) => b[1] - a[1]).map(([name, count]) => ({ name, count })),
    sample: parsed.messages.slice(0, SAMPLE),
    warnings: savedLate === null ? parsed.warnings : [...parsed.warnings, savedLate],
    inferred: parsed.inferred,
    truncated: parsed.truncated,
  };
}

/**
 * The archived room an import of this input would go into, or null for a new room: the room with
 * the source's id; else the one a typed room name names (whole title or id); else the room of the
 * same source and title — the rule importCapture and the store apply when they store it.
 */
export function previewRoom(rooms: readonly RoomRecord[], p: CapturePreview, roomArg: string | undefined): RoomRecord | null {
  const same = rooms.filter((r) => r.source === p.source);
  const byId = p.externalId === null ? undefined : same.find((r) => r.externalId === p.externalId);
  if (byId) return byId;
  if (roomArg !== undefined) return matchRoom(same, roomArg, 'whole');
  return p.externalId === null ? (same.find((r) => r.title === p.roomTitle) ?? null) : null;
}
