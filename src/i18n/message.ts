import { catalogs, type Catalog, type MessageKey } from './catalog.js';
import type { Lang } from './lang.js';

/**
 * A phrase not yet put into words (not a chat message): a catalog key (its stable code, e.g. `input.empty`) and the
 * values it names. Errors and importer warnings carry these, so that the CLI, `--json` documents
 * and the web app each write them in the reader's language; parsers stay free of language.
 */
export class Phrase {
  constructor(
    readonly key: MessageKey,
    readonly params: Readonly<Record<string, unknown>>,
  ) {}

  toJSON(): { code: MessageKey; params: Readonly<Record<string, unknown>> } {
    return { code: this.key, params: this.params };
  }
}

/** A parameter a message names: a text parameter may itself be a message, written in the same language. */
type Loose<P> = { readonly [N in keyof P]: P[N] extends string ? string | Phrase : P[N] };

/** What `msg` takes after the key: nothing for a fixed text, the entry's parameters otherwise. */
export type ParamsArg<K extends MessageKey> = Catalog[K] extends (p: infer P) => string ? [params: Loose<P>] : [];

/** A message by its key; the compiler checks the key exists and the parameters are the entry's. */
export function msg<K extends MessageKey>(key: K, ...params: ParamsArg<K>): Phrase {
  return new Phrase(key, (params[0] ?? {}) as Readonly<Record<string, unknown>>);
}

/** The words of a message in a language; a plain string (user data, a path) is its own text. */
export function render(lang: Lang, m: Phrase | string): string {
  if (typeof m === 'string') return m;
  const entry: unknown = catalogs[lang][m.key];
  if (typeof entry === 'string') return entry;
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(m.params)) params[name] = value instanceof Phrase ? render(lang, value) : value;
  return (entry as (p: Record<string, unknown>) => string)(params);
}

/** A renderer bound to one language, for a module that writes many messages. */
export function textsIn(lang: Lang): <K extends MessageKey>(key: K, ...params: ParamsArg<K>) => string {
  return (key, ...params) => render(lang, msg(key, ...params));
}

/** Items said as one text, each pair put together by `key` (a list with commas, clauses, lines); '' for none. */
export function joined(key: 'text.comma-list' | 'text.clauses' | 'text.lines', items: readonly (string | Phrase)[]): string | Phrase {
  return items.reduceRight<string | Phrase>((rest, item) => (rest === '' ? item : msg(key, { first: item, rest })), '');
}

/** A message as plain data, to cross a thread boundary (a structured clone drops the class); `nested` names the parameters that are messages. */
export interface PhraseData {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, unknown>>;
  readonly nested: readonly string[];
}

export function phraseData(m: Phrase): PhraseData;
export function phraseData(m: Phrase | string): PhraseData | string;
export function phraseData(m: Phrase | string): PhraseData | string {
  if (typeof m === 'string') return m;
  const params: Record<string, unknown> = {};
  const nested: string[] = [];
  for (const [name, value] of Object.entries(m.params)) {
    params[name] = value instanceof Phrase ? phraseData(value) : value;
    if (value instanceof Phrase) nested.push(name);
  }
  return { key: m.key, params, nested };
}

export function phraseFromData(d: PhraseData): Phrase;
export function phraseFromData(d: PhraseData | string): Phrase | string;
export function phraseFromData(d: PhraseData | string): Phrase | string {
  if (typeof d === 'string') return d;
  const params: Record<string, unknown> = { ...d.params };
  for (const name of d.nested) params[name] = phraseFromData(params[name] as PhraseData | string);
  return new Phrase(d.key, params);
}
