/**
 * Visible text of saved HTML, as lines, each with the HTML file line it came from. parse5 only
 * builds a tree: no script runs and nothing is fetched. The walk is iterative, so a page nested
 * 100,000 deep cannot overflow the stack. Whitespace follows roughly what a browser shows
 * (FORMAT.md "Saved HTML"): the HTML bytes are the evidence, this text is only read from them.
 */
import type { DefaultTreeAdapterTypes } from 'parse5';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

const HIDDEN = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'canvas', 'button', 'select']);
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);

export interface TextLines {
  readonly lines: readonly string[];
  /** 1-based line in the HTML file where each text line starts. */
  readonly lineNumbers: readonly number[];
}

export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

export function attr(el: Element, name: string): string | null {
  return el.attrs.find((a) => a.name === name)?.value ?? null;
}

function isHidden(el: Element): boolean {
  return (
    HIDDEN.has(el.tagName) ||
    attr(el, 'hidden') !== null ||
    attr(el, 'aria-hidden') === 'true' ||
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(attr(el, 'style') ?? '')
  );
}

class LineWriter {
  readonly lines: string[] = [];
  readonly lineNumbers: number[] = [];
  private current = '';
  private currentLine = 0;

  /** Outside `<pre>`, spaces at the start of a line are not shown by browsers, so they are dropped. */
  write(text: string, sourceLine: number, pre: boolean): void {
    const s = pre || this.current !== '' ? text : text.replace(/^[ \t\f]+/, '');
    if (s === '') return;
    if (this.current === '') this.currentLine = sourceLine;
    this.current += s;
  }

  /** `<br>`: always a line break, so `<br><br>` keeps a blank line inside a body. */
  breakLine(sourceLine: number): void {
    this.lines.push(this.current);
    this.lineNumbers.push(this.current === '' ? sourceLine : this.currentLine);
    this.current = '';
  }

  /** Block boundary: a break only if the line has text (blocks alone make no blank lines). */
  endBlock(sourceLine: number): void {
    if (this.current !== '') this.breakLine(sourceLine);
  }
}

/** Lines of the visible text under `root`, in document order. */
export function visibleText(root: Node): TextLines {
  const out = new LineWriter();
  const stack: { node: Node; exit: boolean; pre: boolean }[] = [{ node: root, exit: false, pre: false }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, exit, pre } = item;
    const line = node.sourceCodeLocation?.startLine ?? 0;
    if (node.nodeName === '#text' && 'value' in node) {
      writeText(out, node.value, line, pre);
      continue;
    }
    if (!isElement(node)) {
      if ('childNodes' in node) pushChildren(stack, node.childNodes, pre);
      continue;
    }
    if (exit) {
      if (BLOCK.has(node.tagName)) out.endBlock(line);
      continue;
    }
    if (isHidden(node)) continue;
    if (node.tagName === 'br') {
      out.breakLine(line);
      continue;
    }
    if (BLOCK.has(node.tagName)) out.endBlock(line);
    stack.push({ node, exit: true, pre });
    pushChildren(stack, node.childNodes, pre || node.tagName === 'pre' || node.tagName === 'textarea');
  }
  out.endBlock(0);
  return { lines: out.lines, lineNumbers: out.lineNumbers };
}

function pushChildren(stack: { node: Node; exit: boolean; pre: boolean }[], children: readonly Node[], pre: boolean): void {
  for (let i = children.length - 1; i >= 0; i -= 1) {
    const child = children[i];
    if (child !== undefined) stack.push({ node: child, exit: false, pre });
  }
}

/**
 * Inside `<pre>` text is kept as is. Elsewhere a newline inside a text node is kept (chat pages
 * often show bodies with `white-space: pre-wrap`), spaces and tabs around it are dropped and runs
 * of them become one space; whitespace at a node's edge that holds a newline is source formatting.
 */
function writeText(out: LineWriter, value: string, sourceLine: number, pre: boolean): void {
  let text = value.replace(/\r\n?/g, '\n');
  let firstLine = sourceLine;
  if (!pre) {
    const lead = /^[ \t\f]*\n[ \t\f\n]*/.exec(text)?.[0] ?? '';
    firstLine += lead.split('\n').length - 1;
    text = text.slice(lead.length).replace(/[ \t\f\n]*\n[ \t\f]*$/, '');
    text = text.replace(/[ \t\f]*\n[ \t\f]*/g, '\n').replace(/[ \t\f]+/g, ' ');
  }
  text.split('\n').forEach((part, k) => {
    if (k > 0) out.breakLine(firstLine + k);
    out.write(part, firstLine + k, pre);
  });
}
