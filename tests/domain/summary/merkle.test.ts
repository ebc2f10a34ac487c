import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditPath, leafHash, merkleRoot, rootFromPath } from '../../../src/domain/summary/merkle.ts';

/** RFC 9162's MTH written out independently (Node's hash, recursion on the definition). */
function referenceRoot(leaves: string[]): string {
  const h = (...parts: (string | Buffer)[]) => {
    const hash = createHash('sha256');
    for (const p of parts) hash.update(p);
    return hash.digest('hex');
  };
  if (leaves.length === 0) return h('');
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return h(Buffer.from([1]), Buffer.from(referenceRoot(leaves.slice(0, k)), 'hex'), Buffer.from(referenceRoot(leaves.slice(k)), 'hex'));
}

const leavesOf = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => leafHash({ tps: String(i) })));

describe('Merkle tree of TPS entries', () => {
  it('a leaf is SHA-256 of "rekap.leaf/v1\\n" and the canonical JSON of the entry', async () => {
    const expected = createHash('sha256').update('rekap.leaf/v1\n{"a":1,"b":[2]}').digest('hex');
    expect(await leafHash({ b: [2], a: 1 })).toBe(expected);
  });

  it.each([0, 1, 2, 3, 5, 8, 13, 17])('the root of %i leaves is RFC 9162 shaped (no leaf duplicated)', async (n) => {
    const leaves = await leavesOf(n);
    expect(await merkleRoot(leaves)).toBe(referenceRoot(leaves));
  });

  it('every leaf of trees of 1–17 leaves is proven by its path, and only at its own place', async () => {
    for (let n = 1; n <= 17; n++) {
      const leaves = await leavesOf(n);
      const root = await merkleRoot(leaves);
      for (let i = 0; i < n; i++) {
        const path = await auditPath(leaves, i);
        expect(await rootFromPath(leaves[i]!, i, n, path)).toBe(root);
        if (n > 1) {
          // Another leaf, another index or a changed sibling gives another root.
          expect(await rootFromPath(leaves[(i + 1) % n]!, i, n, path)).not.toBe(root);
          expect(await rootFromPath(leaves[i]!, (i + 1) % n, n, path)).not.toBe(root);
          const bent = [...path];
          bent[0] = bent[0]!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
          expect(await rootFromPath(leaves[i]!, i, n, bent)).not.toBe(root);
        }
      }
    }
  });

  it('a path of the wrong length or an index outside the tree proves nothing', async () => {
    const leaves = await leavesOf(6);
    const path = await auditPath(leaves, 2);
    expect(await rootFromPath(leaves[2]!, 2, 6, path.slice(1))).toBeNull();
    expect(await rootFromPath(leaves[2]!, 2, 6, [...path, path[0]!])).toBeNull();
    expect(await rootFromPath(leaves[2]!, 6, 6, path)).toBeNull();
    expect(await rootFromPath(leaves[2]!, -1, 6, path)).toBeNull();
  });
});
