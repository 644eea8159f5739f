import { merkleRootHex, nodeHashInto } from './merkle.js';

/** RFC 6962 §2.1.1 PATH(m, D[n]) of leaf `index`: sibling hashes from the leaf up, hex. */
export interface AuditPath {
  readonly index: number;
  readonly path: readonly string[];
}

/**
 * Audit paths and root from the tree's leaf hashes (`leafHashInto`), the first `size` × 32 bytes
 * of `level`, level by level: the RFC's tree of n leaves is the pairwise one whose odd last node
 * at any level is carried up unchanged (the largest-power-of-two split gives exactly that). Each
 * level is written over the one below it in `level` (node i of the next level over nodes 2i and
 * 2i + 1, read before they are overwritten), so a tree of a million leaves needs its 32 MB and no
 * more, and a caller proving several lists reuses one buffer. `level` is overwritten.
 */
export function levelAuditPaths(level: Buffer, leaves: number, indices: Iterable<number>): { root: string; paths: Map<number, AuditPath> } {
  let size = leaves;
  const wanted = [...new Set(indices)];
  for (const index of wanted) if (index < 0 || index >= size) throw new RangeError(`leaf ${index} outside 0..${size - 1}`);
  if (size === 0) return { root: merkleRootHex([]), paths: new Map() };
  const at = [...wanted];
  const paths = wanted.map((): string[] => []);
  while (size > 1) {
    // Neighbouring leaves share most of their path: each node is made into text once, and shared.
    const made = new Map<number, string>();
    at.forEach((p, k) => {
      const sibling = p ^ 1;
      if (sibling < size) {
        let hex = made.get(sibling);
        if (hex === undefined) made.set(sibling, (hex = level.toString('hex', sibling * 32, sibling * 32 + 32)));
        paths[k]!.push(hex);
      }
      at[k] = p >> 1;
    });
    const half = size >> 1;
    for (let i = 0; i < half; i++) nodeHashInto(level, i * 64, level, i * 32);
    if (size % 2 === 1) level.copy(level, half * 32, (size - 1) * 32, size * 32);
    size -= half;
  }
  return { root: level.toString('hex', 0, 32), paths: new Map(wanted.map((index, k) => [index, { index, path: paths[k]! }])) };
}
