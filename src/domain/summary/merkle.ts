import { canonicalJson } from '../canonical/json.ts';
import { sha256Hex } from '../canonical/hash.ts';

/**
 * The Merkle tree of a rekap.summary/v2 (docs/integrity.md "The tree of TPS figures"): one leaf per
 * TPS × contest, in file order. Its shape is RFC 9162's (Certificate Transparency v2): a tree of n
 * leaves splits at k, the largest power of two below n, so no leaf is ever duplicated to fill a level
 * (duplicating leaves lets two different lists share a root). Leaves and nodes are hashed under
 * different prefixes, so no node can pass for a leaf nor a leaf for a node:
 *
 *   leaf  = SHA-256(UTF-8("rekap.leaf/v1\n" + canonicalJson(entry)))
 *   node  = SHA-256(0x01 ‖ left ‖ right)        (left, right: the 32-byte digests)
 *   empty = SHA-256("")                          (a summary with no TPS entered)
 */
export const LEAF_PREFIX = 'rekap.leaf/v1\n';

export async function leafHash(entry: unknown): Promise<string> {
  return sha256Hex(LEAF_PREFIX + canonicalJson(entry));
}

export async function nodeHash(left: string, right: string): Promise<string> {
  const bytes = new Uint8Array(65);
  bytes[0] = 0x01;
  bytes.set(hexBytes(left), 1);
  bytes.set(hexBytes(right), 33);
  return sha256Hex(bytes);
}

function hexBytes(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new RangeError('merkle: a digest is 64 lowercase hex digits');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The root over leaf hashes (in order). Both halves are hashed concurrently: Web Crypto works off the main thread. */
export async function merkleRoot(leaves: readonly string[]): Promise<string> {
  if (leaves.length === 0) return sha256Hex('');
  return subtreeRoot(leaves, 0, leaves.length);
}

async function subtreeRoot(leaves: readonly string[], from: number, to: number): Promise<string> {
  const n = to - from;
  if (n === 1) return leaves[from]!;
  const k = split(n);
  const [left, right] = await Promise.all([subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to)]);
  return nodeHash(left, right);
}

/** The sibling hashes from leaf `index` up to the root (RFC 9162 §2.1.3.1), nearest first. */
export async function auditPath(leaves: readonly string[], index: number): Promise<string[]> {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new RangeError('auditPath: index outside the tree');
  const path: string[] = [];
  let from = 0;
  let to = leaves.length;
  // Walk down from the root, keeping the sibling subtree at each level; reversed at the end.
  while (to - from > 1) {
    const k = split(to - from);
    if (index < from + k) {
      path.push(await subtreeRoot(leaves, from + k, to));
      to = from + k;
    } else {
      path.push(await subtreeRoot(leaves, from, from + k));
      from += k;
    }
  }
  return path.reverse();
}

/**
 * The root that leaf `leaf` at `index` of a tree of `size` leaves gives with `path`
 * (RFC 9162 §2.1.3.2), or null when the path cannot belong to such a tree (wrong length, index
 * outside). Equal to the signed root only if the leaf is in the signed tree at that place.
 */
export async function rootFromPath(leaf: string, index: number, size: number, path: readonly string[]): Promise<string | null> {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}
