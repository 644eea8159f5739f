import { getTableColumns, type Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CAPTURE_COLUMNS, ENTRY_COLUMNS, ROOM_COLUMNS } from '../../src/store/rows.js';
import { captures, log, rooms } from '../../src/store/schema.js';

/** `a.col AS key, b.x` → [[table alias or '', column, key]]. */
function parse(list: string): [string, string, string][] {
  return list.split(',').map((item) => {
    const m = /^\s*(?:(\w+)\.)?(\w+)(?:\s+AS\s+(\w+))?\s*$/i.exec(item);
    if (!m) throw new Error(`not a column: ${item}`);
    return [m[1] ?? '', m[2]!, m[3] ?? m[2]!];
  });
}

/** Column name → the key drizzle gives it in schema.ts. */
const keysOf = (table: Table): Map<string, string> => new Map(Object.entries(getTableColumns(table)).map(([key, col]) => [col.name, key]));

describe('the SELECT lists of src/store/rows.ts match schema.ts', () => {
  it('rooms and log: every column, each under its schema key', () => {
    for (const [list, table] of [
      [ROOM_COLUMNS, rooms],
      [ENTRY_COLUMNS, log],
    ] as const) {
      const keys = keysOf(table);
      const selected = parse(list);
      expect(selected.map(([, col]) => col).sort()).toEqual([...keys.keys()].sort());
      for (const [, col, key] of selected) expect(key).toBe(keys.get(col));
    }
  });

  it('captures: every column but the hash list, under its schema key or the record name it becomes', () => {
    const keys = keysOf(captures);
    const own = parse(CAPTURE_COLUMNS).filter(([alias]) => alias === 'c');
    expect(own.map(([, col]) => col).sort()).toEqual([...keys.keys()].filter((c) => c !== 'message_hashes').sort());
    for (const [, col, key] of own) if (col !== 'blob_sha256') expect(key).toBe(keys.get(col));
  });
});
