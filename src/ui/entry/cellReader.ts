import type { FieldPath } from '../../domain/tally/fields.ts';
import type { Figure, Tally } from '../../domain/tally/tally.ts';

/**
 * getFigure with the path split once: the store reads every cell of the form after each change
 * (what changed, how many are still empty), so the split is not repeated 205 times a keystroke.
 */
export function cellReader(path: FieldPath): (tally: Tally) => Figure | undefined {
  const parts = path.split('.');
  return (tally) => {
    let node: unknown = tally;
    for (const part of parts) {
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return node === null || typeof node === 'number' ? node : undefined;
  };
}
