/**
 * Saved thread pages (CrowdWorks, Lancers) → lines for the paste grammar. The page structure is
 * undocumented (docs/design/formats.md §3.1, §3.2), so the selectors are heuristics (FORMAT.md "Saved HTML"):
 * first look for message blocks, elements holding exactly one name part, one time part and a body
 * part (found by class names); else read the page's whole visible text as a paste.
 */
import { createRequire } from 'node:module';
import { msg, type Phrase } from '../../i18n/message.js';
import type { DefaultTreeAdapterTypes } from 'parse5';
import { attr, isElement, type TextLines, visibleText } from './html-text.js';
import { readTimeLine } from './timestamp.js';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;
type Part = 'name' | 'time' | 'body';

export interface HtmlThreadText extends TextLines {
  /** How the text was found, for the confirmation prompt. */
  readonly how: Phrase;
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype\s+html|<html[\s>]|<!--\s*saved from url=)/i.test(text);
}

/** The page's own address, from the "saved from" comment, `<link rel=canonical>` or `og:url`. */
export function pageUrl(html: string): string | null {
  const m =
    /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html) ??
    /<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"']+)/i.exec(html) ??
    /<meta\b[^>]*\bproperty=["']og:url["'][^>]*\bcontent=["']([^"']+)/i.exec(html);
  return m?.[1] ?? null;
}

/**
 * parse5 is loaded on the first saved page, not with the importers: it was half their loading
 * time (~18 ms) in every import, LINE and Chatwork included (docs/performance.md). `require` of an ES module
 * works from Node 20.19, the version package.json asks for, and keeps this parser synchronous.
 */
function parseHtml(html: string): DefaultTreeAdapterTypes.Document {
  const { parse } = createRequire(import.meta.url)('parse5') as typeof import('parse5');
  return parse(html, { sourceCodeLocationInfo: true });
}

export function readHtmlThread(html: string): HtmlThreadText {
  const doc = parseHtml(html);
  const blocks = messageBlocks(doc);
  if (blocks.length === 0) return { ...visibleText(doc), how: msg('paste.html.no-blocks') };
  const lines: string[] = [];
  const lineNumbers: number[] = [];
  for (const block of blocks) {
    // A name or time split over several lines inside its part is one line of the header.
    for (const part of [block.name, block.time]) {
      const text = visibleText(part);
      lines.push(text.lines.join(' '));
      lineNumbers.push(text.lineNumbers[0] ?? 0);
    }
    const body = visibleText(block.body);
    lines.push(...body.lines, '');
    lineNumbers.push(...body.lineNumbers, body.lineNumbers.at(-1) ?? 0);
  }
  return { lines, lineNumbers, how: msg('paste.html.blocks', { count: blocks.length }) };
}

const PART_CLASS: readonly (readonly [Part, RegExp])[] = [
  ['name', /name|user|author|sender/i],
  ['time', /date|time|posted/i],
  ['body', /body|text|content/i],
];

function partOf(el: Element): Part | null {
  if (el.tagName === 'time') return 'time';
  const classes = (attr(el, 'class') ?? '').split(/\s+/).filter((c) => c !== '');
  return PART_CLASS.find(([, re]) => classes.some((c) => re.test(c)))?.[0] ?? null;
}

interface Block {
  readonly name: Element;
  readonly time: Element;
  readonly body: Element;
}

/** Parts found under an element: a few kept per kind (enough to tell one from many). */
interface Found {
  readonly name: Element[];
  readonly time: Element[];
  /** `holdsHeader`: the body part has a name or time part inside, so it is not the body alone. */
  readonly body: { readonly el: Element; readonly holdsHeader: boolean }[];
  containsBlock: boolean;
  /** Some text under it: an icon classed `user-icon` is not a name part. */
  hasText: boolean;
}

const KEPT_PER_KIND = 3;

/**
 * Innermost elements with exactly one name part and one time part (whose text is a time) and a
 * body part apart from them, in document order. Children are summed before parents, without
 * recursion, in time linear in the page.
 */
function messageBlocks(doc: Node): Block[] {
  const order = elementsInOrder(doc);
  const found = new Map<Element, Found>();
  const blocks = new Map<Element, Block>();
  for (let k = order.length - 1; k >= 0; k -= 1) {
    const el = order[k];
    if (el === undefined) continue;
    const here: Found = { name: [], time: [], body: [], containsBlock: false, hasText: false };
    for (const child of el.childNodes) {
      if ('value' in child) here.hasText ||= /\S/.test(child.value);
      const c = isElement(child) ? found.get(child) : undefined;
      if (c === undefined || !isElement(child)) continue;
      here.name.push(...c.name.slice(0, Math.max(0, KEPT_PER_KIND - here.name.length)));
      here.time.push(...c.time.slice(0, Math.max(0, KEPT_PER_KIND - here.time.length)));
      here.body.push(...c.body.slice(0, Math.max(0, KEPT_PER_KIND - here.body.length)));
      here.containsBlock ||= c.containsBlock || blocks.has(child);
      here.hasText ||= c.hasText;
    }
    // The innermost name/time element is the part (`.message-user` around `.user-name`); for the
    // body the outermost, so a body split into several inner spans is read whole.
    const part = partOf(el);
    const holdsHeader = here.name.length > 0 || here.time.length > 0;
    if (part === 'body' && here.hasText) here.body.unshift({ el, holdsHeader });
    else if (part === 'name' && here.hasText && here.name.length === 0) here.name.push(el);
    else if (part === 'time' && here.hasText && here.time.length === 0) here.time.push(el);
    found.set(el, here);
    const [name] = here.name;
    const [time] = here.time;
    const body = here.body.find((b) => !b.holdsHeader)?.el;
    if (!here.containsBlock && here.name.length === 1 && here.time.length === 1 && name && time && body && isTime(time)) {
      blocks.set(el, { name, time, body });
    }
  }
  return order.flatMap((el) => blocks.get(el) ?? []);
}

function isTime(el: Element): boolean {
  const text = visibleText(el).lines.join(' ');
  return readTimeLine(text) !== null;
}

function elementsInOrder(root: Node): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isElement(node)) out.push(node);
    const children = 'childNodes' in node ? node.childNodes : [];
    for (let i = children.length - 1; i >= 0; i -= 1) {
      const child = children[i];
      if (child !== undefined) stack.push(child);
    }
  }
  return out;
}
