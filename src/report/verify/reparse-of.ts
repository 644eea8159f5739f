import { readCapture, type CaptureFacts } from '../../core/entries/capture.js';
import { RAW_VARIANT } from '../../core/types.js';
import { msg } from '../../i18n/message.js';
import type { ManifestCapture, ManifestEntry } from '../manifest.js';
import { check, type Check, type Evidence } from './check.js';

function captureOf(e: ManifestEntry | undefined): CaptureFacts | null {
  if (e?.kind !== 'capture' || typeof e.payload !== 'object' || e.payload === null) return null;
  const read = readCapture(e.payload as Record<string, unknown>);
  return read.ok ? read.value.capture : null;
}

/**
 * A capture made by `reparse` takes its place in the room's history from the raw capture it names
 * (`reparseOf`), and the pages re-rendered from a log whose capture names another one show that
 * other history byte for byte: so the name is held here to what `verify` holds it to
 * (src/app/verify-reparse.ts) — a capture kept with `import --raw` before it, in the log the report
 * carries, of the same room and the same original. Nothing is said of a capture that names none.
 */
export function checkReparseOf(ev: Evidence, c: ManifestCapture): Check[] {
  const own = captureOf(ev.entries.get(c.entrySeq));
  if (own?.reparseOf === undefined) return [];
  let of: { seq: number; facts: CaptureFacts } | undefined;
  for (const e of ev.entries.values()) {
    const facts = e.seq < c.entrySeq ? captureOf(e) : null;
    if (facts?.id === own.reparseOf) of = { seq: e.seq, facts };
  }
  const expected = msg('vp.reparse-of.expected', { room: own.roomId, raw: own.rawSha256 });
  const holds = of !== undefined && of.facts.parserVersion === RAW_VARIANT && of.facts.roomId === own.roomId && of.facts.rawSha256 === own.rawSha256;
  const found =
    of === undefined
      ? msg('vp.reparse-of.none')
      : msg('vp.reparse-of.found', { seq: of.seq, room: of.facts.roomId, raw: of.facts.rawSha256, parser: of.facts.parserVersion });
  return [
    check(
      msg('vr.name.capture-reparse-of', { id: c.id }),
      holds ? [] : [msg('asof.finding', { expected, actual: found })],
      msg('vr.reparse-of.ok', { of: own.reparseOf, seq: of?.seq ?? 0, raw: own.rawSha256 }),
      msg('vr.rests.sha256-chain'),
    ),
  ];
}
