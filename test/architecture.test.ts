/**
 * The layout's guard: which part of the code may import which (docs/design/layout.md). Every
 * import of every source file is read with oxc's parser — static, re-exports, dynamic `import()`,
 * type-only ones too — and checked against ALLOWED; then the files' import graph must have no
 * cycle. A new folder fails here until it is given a row, which is where its place is decided.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');

/**
 * Area → the areas it may import. An area is a folder under src/ (or a file there), or exporters/.
 * Read bottom-up: i18n, paths and threads are leaves; core is pure; the store, the report model
 * and the importers sit on core; app/ composes them into use cases; cli/ and ui/ present them.
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  i18n: [],
  paths: [],
  threads: ['paths'],
  // Pure: a second thread (store/merkle-thread.ts, store/capture-thread.ts) is the store's business.
  core: ['i18n'],
  importers: ['core', 'i18n'],
  output: ['core', 'i18n'],
  input: ['core', 'i18n', 'output'],
  timestamp: ['core', 'i18n', 'input'],
  store: ['core', 'i18n', 'output', 'paths', 'threads'],
  attach: ['core', 'i18n', 'store'],
  sync: ['core', 'i18n', 'importers'],
  // Model and verification only: a report is made in app/ (which picks the exporter).
  report: ['attach', 'core', 'i18n', 'importers', 'store', 'timestamp'],
  // Renderers see the report model (and the renderer seam verify-report compares pages with), never the archive.
  exporters: ['core', 'i18n', 'paths', 'report'],
  app: ['attach', 'core', 'exporters', 'i18n', 'importers', 'input', 'output', 'paths', 'report', 'store', 'sync', 'threads', 'timestamp'],
  // The web app reaches the archive only through app/: never a second implementation of a use case.
  ui: ['app', 'core', 'exporters', 'i18n', 'report'],
  // The Chatwork client is made in app/ (app/sync-chatwork.ts): the CLI never reaches sync/ itself.
  cli: ['app', 'attach', 'core', 'exporters', 'i18n', 'importers', 'input', 'output', 'paths', 'report', 'store', 'timestamp', 'ui'],
};

/** What exporters/ may see of src/report: the model it renders and the renderer seam, nothing that reads an archive. */
const EXPORTER_VIEW_OF_REPORT = new Set(['src/report/model.ts', 'src/report/verify/pages.ts']);

interface Import {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const { module, errors } = parseSync(file, text);
  if (errors.length > 0) throw new Error(`${file}: ${errors[0]!.message}`);
  const found: { spec: string; typeOnly: boolean }[] = [
    ...module.staticImports.map((i) => ({ spec: i.moduleRequest.value, typeOnly: i.entries.length > 0 && i.entries.every((e) => e.isType) })),
    ...module.staticExports.flatMap((e) => e.entries.flatMap((x) => (x.moduleRequest ? [{ spec: x.moduleRequest.value, typeOnly: x.isType }] : []))),
    ...module.dynamicImports.map((d) => ({ spec: text.slice(d.moduleRequest.start + 1, d.moduleRequest.end - 1), typeOnly: false })),
  ];
  return found
    .filter((f) => f.spec.startsWith('.'))
    .map((f) => ({ from: file, to: normalize(join(dirname(file), f.spec)).replace(/\.js$/, '.ts'), typeOnly: f.typeOnly }));
}

function areaOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'exporters') return 'exporters';
  return parts[1]!.replace(/\.ts$/, '');
}

/** Strongly connected groups of more than one file (Tarjan): each is an import cycle. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (n: string): void => {
    index.set(n, index.size);
    low.set(n, index.get(n)!);
    stack.push(n);
    onStack.add(n);
    for (const m of graph.get(n) ?? []) {
      if (!index.has(m)) {
        visit(m);
        low.set(n, Math.min(low.get(n)!, low.get(m)!));
      } else if (onStack.has(m)) low.set(n, Math.min(low.get(n)!, index.get(m)!));
    }
    if (low.get(n) !== index.get(n)) return;
    const group: string[] = [];
    for (let m = stack.pop()!; ; m = stack.pop()!) {
      onStack.delete(m);
      group.push(m);
      if (m === n) break;
    }
    if (group.length > 1) out.push(group.sort());
  };
  for (const n of graph.keys()) if (!index.has(n)) visit(n);
  return out;
}

const files = [...sourceFiles('src'), ...sourceFiles('exporters')].map((f) => relative(ROOT, join(ROOT, f)));
const imports = files.flatMap(importsOf);

describe('architecture', () => {
  it('reads every import (a check that sees nothing passes nothing)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(imports.filter((i) => i.from === 'src/app/make-report.ts').map((i) => i.to)).toContain('exporters/pdf/index.ts');
    expect(imports.some((i) => i.typeOnly)).toBe(true);
  });

  it('every area has a row, and the rows allow no cycle between areas', () => {
    expect([...new Set(files.map(areaOf))].filter((a) => !(a in ALLOWED))).toEqual([]);
    const graph = new Map(Object.entries(ALLOWED));
    expect(cycles(graph)).toEqual([]);
  });

  it('no import goes the wrong way', () => {
    const wrong = imports.filter((i) => areaOf(i.from) !== areaOf(i.to) && !ALLOWED[areaOf(i.from)]!.includes(areaOf(i.to))).map((i) => `${i.from} → ${i.to}`);
    expect(wrong).toEqual([]);
  });

  it('exporters see only the report model of src/report', () => {
    const seen = imports.filter((i) => areaOf(i.from) === 'exporters' && areaOf(i.to) === 'report' && !EXPORTER_VIEW_OF_REPORT.has(i.to));
    expect(seen.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it('no file imports itself back, however far round (type-only imports included)', () => {
    const graph = new Map<string, string[]>(files.map((f) => [f, []]));
    for (const i of imports) graph.get(i.from)?.push(i.to);
    expect(cycles(graph)).toEqual([]);
  });

  it('the CLI names its exit codes (EXIT.ok, EXIT.usage…) instead of returning numbers', () => {
    const literal = /\breturn\s+\d+\s*;|\bprocess\.exit(?:Code\s*=\s*|\()\d/;
    const found = files
      .filter((f) => f.startsWith('src/cli/') && f !== 'src/cli/exit-codes.ts')
      .flatMap((f) =>
        readFileSync(join(ROOT, f), 'utf8')
          .split('\n')
          .map((line, i) => [f, i + 1, line] as const),
      )
      .filter(([, , line]) => literal.test(line))
      .map(([f, n, line]) => `${f}:${n}: ${line.trim()}`);
    expect(found).toEqual([]);
  });
});
