/**
 * Lone UTF-16 surrogates: code units that are no character. They come from damaged UTF-16 files
 * and from JSON escapes such as `\ud800`; the canonical form (RFC 8785, docs/hashing.md) cannot
 * carry them, so text read from an input is repaired to U+FFFD while the input's bytes stay the
 * evidence as they are (docs/design/evidence-model.md P1). Found by test/reliability/fuzz-importers.test.ts.
 */
const LONE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const ANY_LONE = new RegExp(LONE);
const EVERY_LONE = new RegExp(LONE, 'g');

export function hasLoneSurrogate(text: string): boolean {
  return ANY_LONE.test(text);
}

/** The text with every lone surrogate replaced by U+FFFD (what TextDecoder does for UTF-16). */
export function replaceLoneSurrogates(text: string): string {
  return hasLoneSurrogate(text) ? text.replace(EVERY_LONE, '\uFFFD') : text;
}
