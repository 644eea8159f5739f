import { sha256Hex } from '../../core/hash.js';
import { MerkleBuilder, verifyInclusion } from '../../core/merkle.js';
import type { ManifestCapture, ManifestEntry } from '../manifest.js';
import { msg, type Phrase } from '../../i18n/message.js';
import { check, type Check, type Evidence, field, short } from './check.js';
import { reparse } from './reparse.js';
import { checkSaveTimeOf } from './saved-at.js';
import { checkCoverageOf } from './coverage.js';
import type { CaptureFacts } from './capture-facts.js';

export function captureFacts(e: ManifestEntry | undefined, c: ManifestCapture, roomId: string): CaptureFacts | Phrase {
  if (e === undefined) return msg('vr.capture.entry-missing', { seq: c.entrySeq });
  const p = (k: string): unknown => field(e.payload, 'capture', k);
  if (e.kind !== 'capture' || p('id') !== c.id || e.roomId !== roomId) return msg('vr.capture.entry-other', { seq: c.entrySeq, id: c.id });
  const rawSha256 = p('rawSha256'),
    rawSize = p('rawSize'),
    merkleRoot = p('merkleRoot'),
    messageCount = p('messageCount'),
    format = p('format'),
    tz = p('tz');
  if (
    typeof rawSha256 !== 'string' ||
    typeof rawSize !== 'number' ||
    typeof merkleRoot !== 'string' ||
    typeof messageCount !== 'number' ||
    typeof format !== 'string' ||
    typeof tz !== 'string'
  ) {
    return msg('vr.capture.entry-hashes', { seq: c.entrySeq });
  }
  const blobs = field(e.payload, 'blobs');
  const parserVersion = typeof p('parserVersion') === 'string' ? String(p('parserVersion')) : '?';
  return {
    rawSha256,
    rawSize,
    merkleRoot,
    messageCount,
    format,
    tz,
    parserVersion,
    blobs: Array.isArray(blobs) ? blobs.filter((b): b is string => typeof b === 'string') : [],
  };
}

/** Full mode: the original's bytes, its message list's Merkle root, and a fresh parse of the bytes. */
export function checkFullCapture(ev: Evidence, c: ManifestCapture, facts: CaptureFacts, roomTitle: string | null): Check[] {
  const out: Check[] = [];
  const bytes = c.file === null ? undefined : ev.files.get(c.file);
  const file = c.file ?? '-';
  const original: Phrase[] = [];
  if (bytes === undefined) original.push(msg('vr.original.missing', { file }));
  else if (sha256Hex(bytes) !== facts.rawSha256 || bytes.length !== facts.rawSize)
    original.push(
      msg('vr.original.changed', {
        file,
        sha256: short(sha256Hex(bytes)),
        size: bytes.length,
        seq: c.entrySeq,
        recorded: short(facts.rawSha256),
        recordedSize: facts.rawSize,
      }),
    );
  for (const extra of c.extras) {
    const b = ev.files.get(extra);
    if (b === undefined || !facts.blobs.includes(sha256Hex(b))) original.push(msg('vr.original.extra', { file: extra, seq: c.entrySeq }));
  }
  out.push(
    check(
      msg('vr.name.capture-original', { id: c.id }),
      original,
      msg('vr.original.ok', { file, seq: c.entrySeq, sha256: facts.rawSha256, extras: c.extras.length }),
      msg('vr.rests.sha256-chain'),
    ),
  );

  const hashes = c.messageHashes ?? [];
  const tree = new MerkleBuilder();
  for (const h of hashes) tree.push(Buffer.from(h, 'hex'));
  const root = tree.rootHex();
  const merkle =
    root === facts.merkleRoot && hashes.length === facts.messageCount
      ? []
      : [msg('vr.merkle.differs', { n: hashes.length, root: short(root), seq: c.entrySeq, count: facts.messageCount, recorded: short(facts.merkleRoot) })];
  out.push(
    check(
      msg('vr.name.capture-merkle', { id: c.id }),
      merkle,
      msg('vr.merkle.ok', { n: hashes.length, root: facts.merkleRoot, seq: c.entrySeq }),
      msg('vr.rests.merkle'),
    ),
  );

  if (bytes !== undefined) {
    const parsed = reparse(bytes, c, facts, roomTitle);
    const same = parsed.ok && parsed.hashes.length === hashes.length && parsed.hashes.every((h, i) => h === hashes[i]);
    const problems = !parsed.ok
      ? [parsed.problem]
      : same
        ? []
        : [
            msg('vr.reparse.differs', {
              file,
              parser: parsed.parser,
              got: parsed.hashes.length,
              n: hashes.length,
              at: firstDifference(parsed.hashes, hashes) + 1,
            }),
          ];
    const said = parsed.ok ? msg('vr.reparse.ok', { file, parser: parsed.parser, tz: facts.tz, n: hashes.length }) : parsed.problem;
    out.push(check(msg('vr.name.capture-messages', { id: c.id }), problems, said, msg('vr.rests.importer')));
    out.push(...checkSaveTimeOf(ev, c, parsed.ok ? parsed : null), ...(parsed.ok ? checkCoverageOf(ev, c, parsed) : []));
  }
  return out;
}

/** Private mode: each shown message version is in the capture, by its RFC 6962 audit path. */
export function checkProofs(c: ManifestCapture, facts: CaptureFacts): Check {
  const problems: Phrase[] = [];
  const proofs = Object.entries(c.proofs ?? {});
  for (const [hash, p] of proofs) {
    if (!verifyInclusion(Buffer.from(hash, 'hex'), p.index, facts.messageCount, p.path, facts.merkleRoot)) {
      problems.push(msg('vr.proofs.bad', { hash: short(hash), at: p.index + 1, count: facts.messageCount, root: short(facts.merkleRoot) }));
    }
  }
  return check(
    msg('vr.name.capture-proofs', { id: c.id }),
    problems,
    msg('vr.proofs.ok', { n: proofs.length, root: facts.merkleRoot, count: facts.messageCount, seq: c.entrySeq }),
    msg('vr.rests.proofs'),
  );
}

function firstDifference(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
