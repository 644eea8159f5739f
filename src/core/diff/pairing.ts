import { idsCompatible, link, type Pairs } from './pairs.js';
import { pairSameHash } from './same-hash.js';
import type { BeforeSide, CompareSide } from './sides.js';
import { EDIT_SIMILARITY_MIN, profileSimilarity, textProfile } from './similarity.js';

/**
 * Bounds the similarity work of one sender's minute: up to this many pairs, every message is
 * compared with every other; beyond it (bots, floods), each message only with those of the other
 * side at about the same relative position (±SIMILARITY_BAND), which keeps it linear.
 */
const MAX_SIMILARITY_PAIRS = 65_536;
const SIMILARITY_BAND = 32;

/**
 * Pairs the messages of one sending minute that neither the trimmed common parts nor ids paired.
 * An edit keeps the sending time, and so does LINE's unsend line, so a message can only ever pair
 * inside its own minute. In order of confidence:
 *   1. the same message (hash), aligned with Myers (jsdiff `diffArrays`) to keep the order;
 *   2. same sender, texts similar enough: an edit (best pairs first);
 *   3. an unsend line and a vanished message of the sender it names (any sender if it names none);
 *   4. the one remaining message of a sender on each side: the same key (sender, minute, ordinal)
 *      that docs/design/evidence-model.md aligns on, so an edit, however different the text.
 */
export function pairWithinMinute(bs: readonly number[], as: readonly number[], before: BeforeSide, after: CompareSide, pairs: Pairs): void {
  pairSameHash(
    bs,
    as,
    bs.map((b) => before.key(b)),
    as.map((a) => after.key(a)),
    pairs,
  );
  // Only messages the hashes left unpaired are read whole (a side may hold little more than hashes).
  const bLeft = bs.filter((b) => pairs.beforePartner[b] === -1 && !before.gone(b));
  const aLeft = as.filter((a) => pairs.afterPartner[a] === -1);
  if (bLeft.length === 0 || aLeft.length === 0) return;

  const isUnsentB = (b: number): boolean => before.message(b).kind === 'unsent';
  const isUnsentA = (a: number): boolean => after.message(a).kind === 'unsent';
  const unsendLines = aLeft.filter(isUnsentA);
  for (const group of bySender(
    bLeft.filter((b) => !isUnsentB(b)),
    aLeft.filter((a) => !isUnsentA(a)),
    before,
    after,
  )) {
    // One message on each side and no unsend line to compete: step 4 pairs them; skip the work.
    const settled = group.bs.length === 1 && group.as.length === 1 && unsendLines.length === 0;
    if (!settled) pairSimilar(group.bs, group.as, before, after, pairs);
  }
  pairUnsendLines(bLeft, unsendLines, before, after, pairs);
  const bFree = bLeft.filter((b) => pairs.beforePartner[b] === -1);
  const aFree = aLeft.filter((a) => pairs.afterPartner[a] === -1);
  for (const group of bySender(bFree, aFree, before, after)) {
    if (group.bs.length !== 1 || group.as.length !== 1) continue;
    const b = group.bs[0]!;
    const a = group.as[0]!;
    if (isUnsentB(b) === isUnsentA(a) && idsCompatible(before.message(b), after.message(a))) link(pairs, b, a);
  }
}

function pairSimilar(bs: readonly number[], as: readonly number[], before: BeforeSide, after: CompareSide, pairs: Pairs): void {
  const bProfiles = bs.map((b) => textProfile(before.message(b).body));
  const aProfiles = as.map((a) => textProfile(after.message(a).body));
  const candidates: { p: number; q: number; score: number }[] = [];
  const band = bs.length * as.length <= MAX_SIMILARITY_PAIRS ? as.length : SIMILARITY_BAND;
  const scale = (as.length - 1) / Math.max(1, bs.length - 1);
  bs.forEach((b, p) => {
    const centre = Math.round(p * scale);
    const lo = Math.max(0, centre - band);
    const hi = Math.min(as.length - 1, centre + band);
    for (let q = lo; q <= hi; q++) {
      if (!idsCompatible(before.message(b), after.message(as[q]!))) continue;
      const score = profileSimilarity(bProfiles[p]!, aProfiles[q]!);
      if (score >= EDIT_SIMILARITY_MIN) candidates.push({ p, q, score });
    }
  });
  // Best first; ties go to the pair closest in order, so repeated texts pair in order.
  candidates.sort((x, y) => y.score - x.score || Math.abs(x.p - x.q) - Math.abs(y.p - y.q) || x.p - y.p || x.q - y.q);
  for (const { p, q } of candidates) {
    const b = bs[p]!;
    const a = as[q]!;
    if (pairs.beforePartner[b] === -1 && pairs.afterPartner[a] === -1) link(pairs, b, a);
  }
}

function pairUnsendLines(bs: readonly number[], unsendLines: readonly number[], before: BeforeSide, after: CompareSide, pairs: Pairs): void {
  for (const a of unsendLines) {
    const line = after.message(a);
    const b = bs.find((b) => {
      const m = before.message(b);
      return pairs.beforePartner[b] === -1 && m.kind !== 'unsent' && (line.sender === null || m.sender === line.sender) && idsCompatible(m, line);
    });
    if (b !== undefined) link(pairs, b, a);
  }
}

function bySender(bs: readonly number[], as: readonly number[], before: BeforeSide, after: CompareSide): Iterable<{ bs: number[]; as: number[] }> {
  const groups = new Map<string | null, { bs: number[]; as: number[] }>();
  const groupOf = (sender: string | null): { bs: number[]; as: number[] } => {
    let g = groups.get(sender);
    if (g === undefined) {
      g = { bs: [], as: [] };
      groups.set(sender, g);
    }
    return g;
  };
  for (const b of bs) groupOf(before.message(b).sender).bs.push(b);
  for (const a of as) groupOf(after.message(a).sender).as.push(a);
  return groups.values();
}
