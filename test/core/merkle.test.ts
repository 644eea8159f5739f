import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inclusionProof, leafHash, merkleRootHex, nodeHash, verifyInclusion } from '../../src/core/merkle.js';

// RFC 6962 reference vectors (certificate-transparency's merkle tree tests): leaf inputs and the
// roots of the trees of their first 1..8 leaves.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** RFC 6962 §2.1 MTH, written as the RFC states it, to check the incremental builder against. */
function mth(d: readonly Buffer[]): Buffer {
  if (d.length === 1) return leafHash(d[0]!);
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
}

describe('RFC 6962 Merkle tree', () => {
  it('matches the reference roots for 1..8 leaves and the empty tree', () => {
    ROOTS.forEach((root, i) => expect(merkleRootHex(LEAVES.slice(0, i + 1))).toBe(root));
    expect(merkleRootHex([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('the incremental root equals the recursive definition', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 70 }), (raw) => {
        const leaves = raw.map((r) => Buffer.from(r));
        expect(merkleRootHex(leaves)).toBe(mth(leaves).toString('hex'));
      }),
    );
  });

  it('every leaf has an inclusion proof that verifies, and only for its own data and place', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), (n, pick) => {
        const leaves = Array.from({ length: n }, (_, i) => Buffer.from(`m${i}`));
        const root = merkleRootHex(leaves);
        const i = pick % n;
        const proof = inclusionProof(leaves, i);
        expect(verifyInclusion(leaves[i]!, i, n, proof, root)).toBe(true);
        expect(verifyInclusion(Buffer.from('forged'), i, n, proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaves[i]!, (i + 1) % n, n, proof, root)).toBe(false);
      }),
    );
  });
});
