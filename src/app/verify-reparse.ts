import { readCapture, type CaptureFacts } from '../core/entries/capture.js';
import { RAW_VARIANT } from '../core/types.js';
import { msg } from '../i18n/message.js';
import type { EntryRecord } from '../store/records.js';
import type { Problem } from '../store/verify-types.js';

/**
 * A capture made by `reparse` (src/app/reparse.ts) is dated by the capture it names in
 * `reparseOf`: that one must be a raw capture (kept with `import --raw`) logged before it, of the
 * same room and the same original. Otherwise a capture could borrow an earlier paste's time, or
 * claim to read a paste it does not hold. The entry's own messages are checked like any capture's:
 * its original parsed again must give them (verify-archive.ts).
 */
export function reparseProblems(entries: readonly EntryRecord[]): Problem[] {
  const captures = new Map<string, { readonly seq: number; readonly facts: CaptureFacts }>();
  const problems: Problem[] = [];
  for (const e of entries) {
    if (e.kind !== 'capture') continue;
    const read = readCapture(e.payload);
    if (!read.ok) continue; // the store's checks report an unreadable capture entry
    const c = read.value.capture;
    if (c.reparseOf !== undefined) {
      const of = captures.get(c.reparseOf);
      const found =
        of === undefined
          ? msg('vp.reparse-of.none')
          : msg('vp.reparse-of.found', { seq: of.seq, room: of.facts.roomId, raw: of.facts.rawSha256, parser: of.facts.parserVersion });
      if (of === undefined || of.facts.parserVersion !== RAW_VARIANT || of.facts.roomId !== c.roomId || of.facts.rawSha256 !== c.rawSha256)
        problems.push({
          kind: 'capture-reparse-of-wrong',
          where: msg('vp.reparse-of', { id: c.id, seq: e.seq, of: c.reparseOf }),
          expected: msg('vp.reparse-of.expected', { room: c.roomId, raw: c.rawSha256 }),
          actual: found,
        });
    }
    captures.set(c.id, { seq: e.seq, facts: c });
  }
  return problems;
}
