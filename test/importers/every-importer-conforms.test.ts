/**
 * Every importer in the registry runs the one conformance suite (test/support/conformance.ts,
 * docs/design/layout.md habit 4). Adding a source is a folder and a registry line; this fails
 * until its tests call `importerConformance` with it. The calls are found in the test files and
 * their first argument is resolved to the object it imports, so an importer is matched by
 * identity, not by a name that might be reused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Importer } from '../../src/importers/importer.js';
import { importers } from '../../src/importers/registry.js';

const TESTS = join(dirname(new URL(import.meta.url).pathname));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return testFiles(path);
    return d.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The objects each file passes to `importerConformance(X, …)`, X resolved through the file's own named imports. */
async function conformedIn(files: readonly string[]): Promise<Set<unknown>> {
  const found = new Set<unknown>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const imported = new Map<string, { from: string; name: string }>();
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g))
      for (const part of m[1]!.split(',')) {
        const [name, local = name] = part
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/);
        if (name) imported.set(local!, { from: m[2]!, name });
      }
    for (const call of text.matchAll(/importerConformance\(\s*([A-Za-z_$][\w$]*)/g)) {
      const source = imported.get(call[1]!);
      if (source === undefined) continue;
      const module = (await import(resolve(dirname(file), source.from).replace(/\.js$/, '.ts'))) as Record<string, unknown>;
      found.add(module[source.name]);
    }
  }
  return found;
}

const unconformed = (registered: readonly Importer[], conformed: ReadonlySet<unknown>): string[] =>
  registered.filter((i) => !conformed.has(i)).map((i) => i.format);

describe('every registered importer runs the conformance suite', () => {
  it('finds an importerConformance call for each importer of the registry', async () => {
    const conformed = await conformedIn(testFiles(TESTS));
    expect(unconformed(importers, conformed)).toEqual([]);
  });

  it('names an importer that has none', async () => {
    const conformed = await conformedIn(testFiles(TESTS));
    // A registry line added without its conformance run: a copy is another object than the conformed one.
    const added: Importer = { ...importers[0]! };
    expect(unconformed([...importers, added], conformed)).toEqual([added.format]);
  });
});
