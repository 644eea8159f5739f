/**
 * One importer per platform whose threads arrive as pasted text or saved HTML (chatwork-text,
 * crowdworks, lancers). They share the grammar; they differ in how they recognise their input and
 * in what they call it. The structure is always guessed, so every result carries `inferred`
 * and the CLI asks before storing (docs/design/cli-contract.md, `import --yes`).
 */
import { InputError } from '../../core/errors.js';
import { isoToMillis } from '../../core/time.js';
import type { Message, Source } from '../../core/types.js';
import {
  textHead,
  type DecodedInput,
  type FormatName,
  type Importer,
  type InferredSummary,
  type ParseOptions,
  type ParseOutcome,
  type Sniff,
} from '../importer.js';
import { looksLikeHtml, pageUrl, readHtmlThread } from './html.js';
import { parsePastedThread } from './thread.js';
import { joined, msg, type Phrase } from '../../i18n/message.js';

export interface Platform {
  readonly format: FormatName;
  readonly source: Source;
  readonly parserVersion: string;
  readonly description: string;
  /** Host name that marks a saved page of this platform, or null if saved pages are not read. */
  readonly host: string | null;
  /** How sure the platform is about pasted text, with a reason (HTML is judged by its host). */
  sniffText(lines: readonly string[]): Sniff;
  /** A stable thread id from the saved page's address (contract, board…), else null. */
  roomIdFromUrl(url: string): string | null;
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function platformImporter(platform: Platform): Importer {
  const { format, source, parserVersion, description } = platform;
  return { format, source, parserVersion, description, sniff: (input) => sniff(platform, input), parse: (input, options) => parse(platform, input, options) };
}

/**
 * Text looked at by `sniff`: a paste shows its layout in its first screens. Every paste importer
 * sniffs every input, so scanning whole files cost a 200k-message LINE import 0.4 s (docs/performance.md);
 * the LINE importer bounds its sniff the same way.
 */
const SNIFF_CHARS = 65_536;

function sniff(platform: Platform, input: DecodedInput): Sniff {
  const start = textHead(input, SNIFF_CHARS + 1);
  if (!looksLikeHtml(start)) return platform.sniffText(splitLines(head(start)));
  if (platform.host === null) return { confidence: 0, reason: msg('paste.sniff.html-not-read') };
  const mine = countOf(input.text, platform.host);
  const others = countOf(input.text, 'crowdworks.jp') + countOf(input.text, 'lancers.jp') - mine;
  if (mine === 0) return { confidence: 0, reason: msg('paste.sniff.html-no-host', { host: platform.host }) };
  return mine > others
    ? { confidence: 0.85, reason: msg('paste.sniff.html-host', { host: platform.host, count: mine }) }
    : { confidence: 0.3, reason: msg('paste.sniff.html-host-tie', { host: platform.host }) };
}

/** The first SNIFF_CHARS of the text, ending at a line break so no half line is judged; `text` is its first SNIFF_CHARS + 1. */
function head(text: string): string {
  if (text.length <= SNIFF_CHARS) return text;
  const lf = text.lastIndexOf('\n', SNIFF_CHARS);
  return text.slice(0, lf > 0 ? lf : SNIFF_CHARS);
}

function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

function parse(platform: Platform, input: DecodedInput, options: ParseOptions): ParseOutcome {
  const html = looksLikeHtml(input.text) && platform.host !== null;
  const page = html ? readHtmlThread(input.text) : null;
  const lines = page?.lines ?? splitLines(input.text);
  const outcome = parsePastedThread(lines, options.tz, page?.lineNumbers);
  if (!outcome.ok) {
    // The line alone: the CLI puts the file name in front, as for every importer.
    return { ok: false, error: new InputError(outcome.problem, { ...(outcome.line === null ? {} : { where: String(outcome.line) }), hint: outcome.hint }) };
  }
  const { thread } = outcome;
  const url = html ? pageUrl(input.text) : null;
  const layout = page === null ? thread.layout : joined('text.clauses', [page.how, thread.layout]);
  return {
    ok: true,
    result: {
      format: platform.format,
      source: platform.source,
      variant: `${platform.format}/${page === null ? 'paste' : 'html'}`,
      // A paste does not name its room (page titles are site chrome): the CLI asks for --room.
      room: { title: null, externalId: url === null ? null : platform.roomIdFromUrl(url) },
      coverage: 'window',
      messages: thread.messages,
      warnings: [...input.decodeWarnings, ...thread.warnings],
      inferred: summarize(thread.messages, layout),
      truncated: null,
    },
  };
}

/**
 * What the user confirms: counts, senders in order of first appearance, earliest and latest time
 * (pages may list newest first; messages keep page order either way).
 */
function summarize(messages: readonly Message[], layout: string | Phrase): InferredSummary {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.sender ?? '', (counts.get(m.sender ?? '') ?? 0) + 1);
  const byTime = [...messages].sort((a, b) => isoToMillis(a.sentAt) - isoToMillis(b.sentAt));
  return {
    messages: messages.length,
    senders: [...counts].map(([name, count]) => ({ name, count })),
    first: byTime[0]?.sentAt ?? null,
    last: byTime.at(-1)?.sentAt ?? null,
    layout,
  };
}
