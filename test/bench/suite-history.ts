/**
 * A room with history, at one size (200k when selected): the same export again (the dedup path:
 * a new capture, no new bytes or messages), a later export with ~1 % changes (the diff path),
 * then `verify` of the whole archive, `diff` of the last two captures, `show` of the room, and the
 * web app's views of it.
 */
import { countLabel } from './args.js';
import { addRow, lineExport, repeatsFor, type Bench } from './context.js';
import type { Imported } from './suite-import.js';
import { verifyRow } from './suite-import.js';
import { runCli } from './measure.js';
import { uiViewsFor } from './suite-ui.js';

interface ImportJson {
  readonly capture: { readonly messages: number };
  readonly changes: Record<string, number>;
}

export async function historyFor(b: Bench, size: number, first: Imported): Promise<void> {
  const label = countLabel(size);
  const limit = `limit.hash-insert.${label}`;
  const exp = lineExport(b, size);
  b.log(`re-import ${label} (dedup path)`);
  const again = await runCli(b.method, ['import', exp.path, '--db', first.db, '--json']);
  const a = JSON.parse(again.stdout) as ImportJson;
  addRow(b, {
    id: `reimport.line.${label}`,
    what: 're-import same',
    size: label,
    messages: a.capture.messages,
    seconds: again.wallMs / 1000,
    cpu: again.cpuSeconds,
    bytes: exp.bytes,
    peakRss: again.maxRss,
    vs: limit,
    note: `dedup; unchanged ${a.changes['unchanged'] ?? '?'}`,
  });

  const later = lineExport(b, size, true);
  b.log(`import ${label} with ~1 % changes (diff path)`);
  const changed = await runCli(b.method, ['import', later.path, '--db', first.db, '--json']);
  const c = JSON.parse(changed.stdout) as ImportJson;
  const counts = c.changes;
  addRow(b, {
    id: `import-changed.line.${label}`,
    what: 'import 1 % changed',
    size: label,
    messages: c.capture.messages,
    seconds: changed.wallMs / 1000,
    cpu: changed.cpuSeconds,
    bytes: later.bytes,
    peakRss: changed.maxRss,
    vs: limit,
    note: `+${counts['added'] ?? 0} M${counts['edited'] ?? 0} ×${counts['unsent'] ?? 0} -${counts['deleted'] ?? 0}`,
    extra: { ...counts },
  });

  await verifyRow(b, first.db, `verify-all.line.${label}`, label, limit, 'whole archive', repeatsFor(b, size));

  b.log(`diff ${label}`);
  const diff = await runCli(b.method, ['diff', first.roomId, '--db', first.db, '--json']);
  const d = JSON.parse(diff.stdout) as { changes: unknown[] };
  addRow(b, {
    id: `diff.line.${label}`,
    what: 'diff 2 captures',
    size: label,
    messages: c.capture.messages,
    seconds: diff.wallMs / 1000,
    cpu: diff.cpuSeconds,
    bytes: null,
    peakRss: diff.maxRss,
    vs: limit,
    note: `${d.changes.length} changes`,
  });

  b.log(`show ${label}`);
  const show = await runCli(b.method, ['show', first.roomId, '--db', first.db], { stdout: 'ignore' });
  addRow(b, {
    id: `show.line.${label}`,
    what: 'show room',
    size: label,
    messages: c.capture.messages,
    seconds: show.wallMs / 1000,
    cpu: show.cpuSeconds,
    bytes: null,
    peakRss: show.maxRss,
    vs: limit,
    note: '3 captures, text to /dev/null',
  });

  await uiViewsFor(b, size, first.db, first.roomId);
}
