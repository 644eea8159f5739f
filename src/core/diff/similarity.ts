/**
 * Text similarity for telling "edited" from "deleted + added": the Dice coefficient over
 * character bigrams (multiset). Linear in the text lengths, needs no word splitting (Japanese has
 * no spaces), and is robust to the usual edits: a typo fixed, a sentence added, an amount changed.
 */

/** Below this, two texts are not taken to be versions of one message. */
export const EDIT_SIMILARITY_MIN = 0.5;

/** Bigram counts of a text: build once per message, compare with many candidates. */
export interface TextProfile {
  readonly text: string;
  readonly counts: ReadonlyMap<number, number>;
  readonly total: number;
}

/**
 * Boundary marks make one-character texts comparable and weigh the first and last characters,
 * where people usually append or fix something. UTF-16 code units are enough here: a surrogate
 * pair just gives one more bigram.
 */
export function textProfile(text: string): TextProfile {
  const padded = `\u0002${text}\u0003`;
  const counts = new Map<number, number>();
  for (let i = 0; i + 1 < padded.length; i++) {
    const bigram = (padded.charCodeAt(i) << 16) | padded.charCodeAt(i + 1);
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  return { text, counts, total: padded.length - 1 };
}

/** Similarity in [0, 1] of two profiled texts; 1 for equal texts. */
export function profileSimilarity(a: TextProfile, b: TextProfile): number {
  if (a.text === b.text) return 1;
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [bigram, count] of small.counts) {
    const other = large.counts.get(bigram);
    if (other !== undefined) shared += Math.min(count, other);
  }
  return (2 * shared) / (a.total + b.total);
}

export function similarity(a: string, b: string): number {
  return profileSimilarity(textProfile(a), textProfile(b));
}
