import { readAttachment } from '../../attach/payload.js';
import { ChatproofError } from '../../core/errors.js';
import { sha256Hex } from '../../core/hash.js';
import { MANIFEST_NAME } from '../manifest.js';
import { msg } from '../../i18n/message.js';
import { check, finding, type Check, type Evidence, short } from './check.js';

/** Every embedded file is listed in the manifest with its SHA-256 and size, and every listed one is there. */
export function checkEmbedded(ev: Evidence): Check[] {
  const out: Check[] = [];
  const listed = ev.manifest.files;
  for (const [name, bytes] of [...ev.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name === MANIFEST_NAME) continue;
    const want = listed[name];
    const actual = sha256Hex(bytes);
    const problems =
      want === undefined
        ? [msg('vr.file.unlisted', { name, manifest: MANIFEST_NAME })]
        : actual !== want.sha256 || bytes.length !== want.size
          ? [
              msg('vr.file.changed', {
                name,
                sha256: short(actual),
                size: bytes.length,
                manifest: MANIFEST_NAME,
                listed: short(want.sha256),
                listedSize: want.size,
              }),
            ]
          : [];
    out.push(
      check(
        msg('vr.name.file', { name }),
        problems,
        msg('vr.file.ok', { sha256: actual, size: bytes.length, manifest: MANIFEST_NAME, role: want?.role ?? '' }),
        msg('vr.rests.sha256-manifest', { manifest: MANIFEST_NAME }),
      ),
    );
  }
  const missing = Object.keys(listed).filter((name) => !ev.files.has(name));
  if (missing.length > 0) out.push(finding(msg('vr.name.files-listed'), false, msg('vr.file.missing', { manifest: MANIFEST_NAME, names: missing.join(', ') })));
  return out;
}

/** Files kept with the room (`chatproof attach`): the embedded bytes are the ones the entry recorded. */
export function checkAttachments(ev: Evidence): Check[] {
  return ev.manifest.attachments.map((a) => {
    const e = ev.entries.get(a.entrySeq);
    const name = msg('vr.name.attachment', { seq: a.entrySeq });
    if (e === undefined || e.kind !== 'attachment' || e.roomId !== ev.manifest.room.id)
      return finding(name, false, msg('vr.attachment.other', { seq: a.entrySeq }));
    let recorded;
    try {
      recorded = readAttachment(e.payload as Record<string, unknown>, e.seq);
    } catch (err) {
      return finding(name, false, err instanceof ChatproofError ? err.text : (err as Error).message);
    }
    if (a.file === null) return check(name, [], msg('vr.attachment.hash-only', { name: recorded.name, sha256: recorded.sha256 }), msg('vr.rests.chain'));
    const bytes = ev.files.get(a.file);
    const problems =
      bytes === undefined
        ? [msg('vr.attachment.missing', { file: a.file })]
        : sha256Hex(bytes) !== recorded.sha256
          ? [msg('vr.attachment.changed', { file: a.file, sha256: short(sha256Hex(bytes)), seq: e.seq, recorded: short(recorded.sha256) })]
          : [];
    return check(
      name,
      problems,
      msg('vr.attachment.ok', { file: a.file, name: recorded.name, kind: recorded.kind, seq: e.seq, sha256: recorded.sha256 }),
      msg('vr.rests.sha256-chain'),
    );
  });
}
