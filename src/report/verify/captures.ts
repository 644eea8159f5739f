import { sha256Hex } from '../../core/hash.js';
import { MerkleBuilder, verifyInclusion } from '../../core/merkle.js';
import type { ManifestCapture, ManifestEntry } from '../manifest.js';
import { check, type Check, type Evidence, field, short } from './check.js';
import { reparse } from './reparse.js';
import type { CaptureFacts } from './capture-facts.js';

export function captureFacts(e: ManifestEntry | undefined, c: ManifestCapture, roomId: string): CaptureFacts | string {
  if (e === undefined) return `its log entry #${c.entrySeq} is not in the included log`;
  const p = (k: string): unknown => field(e.payload, 'capture', k);
  if (e.kind !== 'capture' || p('id') !== c.id || e.roomId !== roomId) return `log entry #${c.entrySeq} is not the capture ${c.id} of this room`;
  const rawSha256 = p('rawSha256'), rawSize = p('rawSize'), merkleRoot = p('merkleRoot'), messageCount = p('messageCount'), format = p('format'), tz = p('tz');
  if (typeof rawSha256 !== 'string' || typeof rawSize !== 'number' || typeof merkleRoot !== 'string' || typeof messageCount !== 'number' || typeof format !== 'string' || typeof tz !== 'string') {
    return `log entry #${c.entrySeq} lacks the capture's hashes`;
  }
  const blobs = field(e.payload, 'blobs');
  const parserVersion = typeof p('parserVersion') === 'string' ? String(p('parserVersion')) : '?';
  return { rawSha256, rawSize, merkleRoot, messageCount, format, tz, parserVersion, blobs: Array.isArray(blobs) ? blobs.filter((b): b is string => typeof b === 'string') : [] };
}

/** Full mode: the original's bytes, its message list's Merkle root, and a fresh parse of the bytes. */
export function checkFullCapture(ev: Evidence, c: ManifestCapture, facts: CaptureFacts, roomTitle: string | null): Check[] {
  const name = `capture ${c.id}`;
  const out: Check[] = [];
  const bytes = c.file === null ? undefined : ev.files.get(c.file);
  const original: string[] = [];
  if (bytes === undefined) original.push(`the original ${c.file ?? '(none named)'} is not embedded`);
  else if (sha256Hex(bytes) !== facts.rawSha256 || bytes.length !== facts.rawSize) original.push(`${c.file} has SHA-256 ${short(sha256Hex(bytes))} (${bytes.length} bytes), but log entry #${c.entrySeq} recorded ${short(facts.rawSha256)} (${facts.rawSize} bytes): the original was changed`);
  for (const extra of c.extras) {
    const b = ev.files.get(extra);
    if (b === undefined || !facts.blobs.includes(sha256Hex(b))) original.push(`${extra} is not one of the files log entry #${c.entrySeq} lists`);
  }
  out.push(check(`${name} original`, original, `${c.file} is byte for byte the original recorded by log entry #${c.entrySeq}: SHA-256 ${facts.rawSha256}${c.extras.length > 0 ? `, with ${c.extras.length} further original(s) the entry lists` : ''}`, 'SHA-256 and the log chain'));

  const hashes = c.messageHashes ?? [];
  const tree = new MerkleBuilder();
  for (const h of hashes) tree.push(Buffer.from(h, 'hex'));
  const root = tree.rootHex();
  const merkle = root === facts.merkleRoot && hashes.length === facts.messageCount ? []
    : [`the manifest's ${hashes.length} message hashes give Merkle root ${short(root)}, but log entry #${c.entrySeq} recorded ${facts.messageCount} messages with root ${short(facts.merkleRoot)}`];
  out.push(check(`${name} merkle`, merkle, `its ${hashes.length} message hashes give the Merkle root ${facts.merkleRoot} recorded by log entry #${c.entrySeq}`, 'RFC 6962 §2.1 and the log chain'));

  if (bytes !== undefined) {
    const parsed = reparse(bytes, c, facts, roomTitle);
    const same = parsed.ok && parsed.hashes.length === hashes.length && parsed.hashes.every((h, i) => h === hashes[i]);
    const problems = !parsed.ok ? [parsed.problem]
      : same ? [] : [`parsing ${c.file} again with ${parsed.parser} gives ${parsed.hashes.length} messages whose hashes differ from the ${hashes.length} recorded (first difference at message ${firstDifference(parsed.hashes, hashes) + 1})`];
    out.push(check(`${name} messages`, problems, parsed.ok ? `parsing ${c.file} again with ${parsed.parser} (times read in ${facts.tz}) gives exactly these ${hashes.length} messages, hash for hash` : '', 'chatproof\'s importer and the canonical message form v1, docs/hashing.md §2'));
  }
  return out;
}

/** Private mode: each shown message version is in the capture, by its RFC 6962 audit path. */
export function checkProofs(c: ManifestCapture, facts: CaptureFacts): Check {
  const problems: string[] = [];
  const proofs = Object.entries(c.proofs ?? {});
  for (const [hash, p] of proofs) {
    if (!verifyInclusion(Buffer.from(hash, 'hex'), p.index, facts.messageCount, p.path, facts.merkleRoot)) {
      problems.push(`message ${short(hash)} is not at position ${p.index + 1} of ${facts.messageCount} under root ${short(facts.merkleRoot)}`);
    }
  }
  return check(`capture ${c.id} inclusion proofs`, problems,
    `${proofs.length} inclusion proof(s) lead to the Merkle root ${facts.merkleRoot} of ${facts.messageCount} messages recorded by log entry #${c.entrySeq}; the other messages stay undisclosed`,
    'RFC 9162 §2.1.3.2 inclusion verification and the log chain');
}

function firstDifference(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
