import { readAttachment } from '../../attach/payload.js';
import { sha256Hex } from '../../core/hash.js';
import { MANIFEST_NAME } from '../manifest.js';
import { check, type Check, type Evidence, short } from './check.js';

/** Every embedded file is listed in the manifest with its SHA-256 and size, and every listed one is there. */
export function checkEmbedded(ev: Evidence): Check[] {
  const out: Check[] = [];
  const listed = ev.manifest.files;
  for (const [name, bytes] of [...ev.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name === MANIFEST_NAME) continue;
    const want = listed[name];
    const actual = sha256Hex(bytes);
    const problems = want === undefined ? [`${name} is embedded but not listed in ${MANIFEST_NAME}: nothing vouches for it`]
      : actual !== want.sha256 || bytes.length !== want.size ? [`${name} has SHA-256 ${short(actual)} (${bytes.length} bytes), but ${MANIFEST_NAME} lists ${short(want.sha256)} (${want.size} bytes): the file was changed`] : [];
    out.push(check(`file ${name}`, problems, `SHA-256 ${actual}, ${bytes.length} bytes, as ${MANIFEST_NAME} lists it (${want?.role ?? ''})`, `SHA-256; ${MANIFEST_NAME} is itself bound by the checks below`));
  }
  const missing = Object.keys(listed).filter((name) => !ev.files.has(name));
  if (missing.length > 0) out.push({ name: 'files listed', ok: false, detail: `${MANIFEST_NAME} lists files the PDF does not carry: ${missing.join(', ')}` });
  return out;
}

/** Files kept with the room (`chatproof attach`): the embedded bytes are the ones the entry recorded. */
export function checkAttachments(ev: Evidence): Check[] {
  return ev.manifest.attachments.map((a) => {
    const e = ev.entries.get(a.entrySeq);
    const name = `attachment #${a.entrySeq}`;
    if (e === undefined || e.kind !== 'attachment' || e.roomId !== ev.manifest.room.id) return { name, ok: false, detail: `log entry #${a.entrySeq} is not an attachment of this room` };
    let recorded;
    try {
      recorded = readAttachment(e.payload as Record<string, unknown>, e.seq);
    } catch (err) {
      return { name, ok: false, detail: (err as Error).message };
    }
    if (a.file === null) return { name, ok: true, detail: `"${recorded.name}" is listed by its SHA-256 ${recorded.sha256} only; its bytes are not in this report (rests on: the log chain)` };
    const bytes = ev.files.get(a.file);
    const problems = bytes === undefined ? [`${a.file} is not embedded`]
      : sha256Hex(bytes) !== recorded.sha256 ? [`${a.file} has SHA-256 ${short(sha256Hex(bytes))}, but log entry #${e.seq} recorded ${short(recorded.sha256)}`] : [];
    return check(name, problems, `${a.file} is "${recorded.name}" (${recorded.kind}) as log entry #${e.seq} recorded it: SHA-256 ${recorded.sha256}`, 'SHA-256 and the log chain');
  });
}
