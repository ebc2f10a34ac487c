import { signText, verifyText, type PublicKeyJwk } from '../crypto/keys.ts';
import { signedHeadOf } from './head.ts';
import { leafHash, merkleRoot } from './merkle.ts';
import type { SummaryTps, UnsignedSummary } from './schema.ts';
import { SUMMARY_FORMAT_V2, SUMMARY_SIGNATURE_DOMAIN_V2, type SummaryFileV2, type SummaryLeaf, type SummaryTpsV2 } from './schemaV2.ts';
import { signingMessage } from './sign.ts';

type Json = Record<string, unknown>;

/** What a leaf covers: the entry as read, without its stated hash (so a member added anywhere in it changes the leaf). */
export function leafContent(entry: object): object {
  const { leaf: _leaf, ...content } = entry as Json;
  return content;
}

/** Every TPS entry of the file as read, in file order (contests, desa, TPS): the tree's leaves. */
export function rawEntries(raw: object): Json[] {
  const out: Json[] = [];
  for (const block of (raw as { contests: { desa: { tps: Json[] }[] }[] }).contests) {
    for (const desa of block.desa) out.push(...desa.tps);
  }
  return out;
}

/** A malformed key or signature is a false, never an exception. */
export async function verifyHeadSignature(signedHead: object, publicKey: PublicKeyJwk, signature: string): Promise<boolean> {
  try {
    return await verifyText(publicKey, SUMMARY_SIGNATURE_DOMAIN_V2, signingMessage(signedHead), signature);
  } catch {
    return false;
  }
}

/** Photo hashes per `<tps>:<contest>`; a leaf without photos leaves the member out. */
export type PhotoHashes = ReadonlyMap<string, readonly string[]>;

/**
 * Signs the built summary (buildSummary) as rekap.summary/v2: each TPS entry gets its leaf hash, the
 * tree's root and size go into the head, and the head is what is signed.
 */
export async function signSummaryV2(unsigned: UnsignedSummary, privateKey: CryptoKey, photos: PhotoHashes = new Map()): Promise<SummaryFileV2> {
  const withLeaf = async (entry: SummaryTps): Promise<SummaryTpsV2> => {
    const list = photos.get(`${entry.tps}:${entry.figures.contest}`) ?? [];
    const content: SummaryLeaf = { ...entry, ...(list.length > 0 ? { photos: [...list].sort() } : {}) };
    return { ...content, leaf: await leafHash(content) };
  };
  const contests = await Promise.all(
    unsigned.contests.map(async (block) => ({
      ...block,
      desa: await Promise.all(block.desa.map(async (desa) => ({ ...desa, tps: await Promise.all(desa.tps.map(withLeaf)) }))),
    })),
  );
  const leaves = contests.flatMap((b) => b.desa.flatMap((d) => d.tps.map((e) => e.leaf)));
  const unsignedV2: Omit<SummaryFileV2, 'signature'> = { ...unsigned, format: SUMMARY_FORMAT_V2, tpsTree: { size: leaves.length, root: await merkleRoot(leaves) }, contests };
  const signature = await signText(privateKey, SUMMARY_SIGNATURE_DOMAIN_V2, signingMessage(signedHeadOf(unsignedV2)));
  return { ...unsignedV2, signature };
}
