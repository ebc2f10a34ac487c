import type { DesaCode, TpsCode } from '../codes/codes.ts';
import type { Figure } from '../tally/tally.ts';
import { getFigure } from '../tally/fields.ts';
import type { Tally } from '../tally/tally.ts';
import type { SummaryFailure } from './failures.ts';
import { leafHash, merkleRoot } from './merkle.ts';
import type { SummaryFileV2 } from './schemaV2.ts';
import { leafContent } from './signV2.ts';

/** A figure of a TPS whose leaf no longer matches: its value now, and the signed one when the desa total tells it. */
export interface ChangedFigure {
  path: string;
  now: Figure;
  /**
   * now − (recomputed − stated desa total): known only when this TPS is the only changed one of its
   * desa. A sum cannot tell "not entered" from 0, so a figure entered after signing reads as signed 0.
   */
  signed: Figure | undefined;
}

/**
 * The v2 checks of the tree (docs/integrity.md "Summary v2"): each TPS entry must hash to the leaf it
 * states, and the stated leaves to the signed root. The signature covers the root, not the entries,
 * so an entry edited after signing is found here — by name — while the signature stays valid.
 *
 * `raw` is the file as read (the leaf covers every member of an entry, a stray one too); `summary`
 * the same file as typed. Failures are appended in file order.
 */
export async function checkTree(raw: object, summary: SummaryFileV2, failures: SummaryFailure[]): Promise<void> {
  const rawBlocks = (raw as { contests: { desa: { tps: object[] }[] }[] }).contests;
  const stated: string[] = [];
  const computing: Promise<string>[] = [];
  for (const block of rawBlocks) for (const desa of block.desa) for (const entry of desa.tps) computing.push(leafHash(leafContent(entry)));
  for (const block of summary.contests) for (const desa of block.desa) for (const entry of desa.tps) stated.push(entry.leaf);
  const [computed, root] = await Promise.all([Promise.all(computing), merkleRoot(stated)]);

  if (root !== summary.tpsTree.root || stated.length !== summary.tpsTree.size) {
    failures.push({ kind: 'tree-mismatch', statedSize: summary.tpsTree.size, leaves: stated.length });
  }
  let i = 0;
  for (const block of summary.contests) {
    for (const desa of block.desa) {
      for (const entry of desa.tps) {
        if (computed[i] !== stated[i]) failures.push({ kind: 'tps-leaf-mismatch', contest: block.contest, desa: desa.code, tps: entry.tps, figures: [] });
        i += 1;
      }
    }
  }
}

/**
 * Names the figures of a changed TPS from its desa's total-mismatch failures (the signed desa total
 * against the sum of the entries now): when the TPS is the only changed one of its desa in that
 * contest, every differing total is its figure, and the signed value follows from the difference.
 */
export function nameChangedFigures(summary: SummaryFileV2, failures: SummaryFailure[]): void {
  const changed = failures.filter((f): f is Extract<SummaryFailure, { kind: 'tps-leaf-mismatch' }> => f.kind === 'tps-leaf-mismatch');
  const perDesa = new Map<string, number>();
  const key = (contest: string, desa: DesaCode) => `${contest}:${desa}`;
  for (const f of changed) perDesa.set(key(f.contest, f.desa), (perDesa.get(key(f.contest, f.desa)) ?? 0) + 1);
  for (const f of changed) {
    if (perDesa.get(key(f.contest, f.desa)) !== 1) continue;
    const entry = entryOf(summary, f.contest, f.desa, f.tps);
    if (!entry) continue;
    for (const t of failures) {
      if (t.kind !== 'total-mismatch' || t.level !== 'desa' || t.contest !== f.contest || t.desa !== f.desa) continue;
      const now = getFigure(entry.figures as Tally, t.path) ?? null;
      const signed = typeof now === 'number' && typeof t.stated === 'number' && typeof t.recomputed === 'number' ? now - (t.recomputed - t.stated) : undefined;
      f.figures.push({ path: t.path, now, signed });
    }
  }
}

function entryOf(summary: SummaryFileV2, contest: string, desa: DesaCode, tps: TpsCode) {
  return summary.contests.find((c) => c.contest === contest)?.desa.find((d) => d.code === desa)?.tps.find((e) => e.tps === tps);
}
