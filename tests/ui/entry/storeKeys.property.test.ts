import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTally } from '../../../src/domain/checks/index.ts';
import { tpsCode, type DesaCode } from '../../../src/domain/codes/codes.ts';
import type { PartyContestSetup } from '../../../src/domain/setup/schema.ts';
import { emptyTally, paperOrder, setFigure, type FieldPath } from '../../../src/domain/tally/fields.ts';
import type { Figure, Tally } from '../../../src/domain/tally/tally.ts';
import { EntryStore, rowOf } from '../../../src/ui/entry/entryStore.ts';
import { anchorKey, cellKey, FINDINGS_KEY } from '../../../src/ui/entry/storeKeys.ts';

/*
 * The form's store tells each cell, row and the findings list only when its own state changed. This
 * checks, over random typing, stored-tally updates and lock changes, that nobody misses a change
 * (the screen would go stale), and that the findings it keeps equal the full checks of the tally.
 */

const contest: PartyContestSetup = {
  id: 'DPR',
  name: 'DPR',
  dapil: { name: 'Jawa Timur IV', seats: 8 },
  parties: [1, 2].map((p) => ({ number: p, name: `Partai ${p}`, candidates: [1, 2, 3].map((c) => ({ number: c, name: `Calon ${p}.${c}` })) })),
};
const tps = tpsCode('3509082001' as DesaCode, 1);
const order = paperOrder(contest);
const anchors = ['top', ...new Set(order.map(rowOf))];

// Small figures, so that sums agree often enough for findings to come and go.
const figure: fc.Arbitrary<Figure> = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 4 }));
const path = fc.constantFrom(...order);
const op = fc.oneof(
  fc.record({ kind: fc.constant('type' as const), path, value: figure }),
  fc.record({ kind: fc.constant('stored' as const), cells: fc.array(fc.tuple(path, figure), { maxLength: 6 }) }),
  fc.record({ kind: fc.constant('readOnly' as const), on: fc.boolean() }),
);

const cellState = (s: EntryStore, p: FieldPath) => `${s.severities.get(p) ?? ''}|${s.hasDraft(p)}|${s.frozen}|${s.locked}|${s.text(p)}|${s.value(p)}`;
const shape = (t: Tally) => checkTally(t, contest).map((f) => `${f.code}|${f.fields.join(',')}|${f.message.id}|${f.message.en}`);

describe('EntryStore keyed notifications (property)', () => {
  it('wakes every cell, row and the findings list whose state changed; its findings equal the full checks', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        let stored = emptyTally(tps, contest);
        const store = new EntryStore(stored, order, (t) => checkTally(t, contest), null);
        const woken = new Set<string>();
        for (const p of order) store.subscribeTo([cellKey(p)], () => woken.add(cellKey(p)));
        for (const a of anchors) store.subscribeTo([anchorKey(a)], () => woken.add(anchorKey(a)));
        store.subscribeTo([FINDINGS_KEY], () => woken.add(FINDINGS_KEY));

        for (const o of ops) {
          const cells = new Map(order.map((p) => [p, cellState(store, p)]));
          const rows = new Map(anchors.map((a) => [a, store.anchors.get(a)]));
          const findings = store.findings;
          woken.clear();
          if (o.kind === 'type') store.setCell(o.path, o.value);
          else if (o.kind === 'stored') {
            for (const [p, v] of o.cells) stored = setFigure(stored, p, v);
            store.setBase(stored);
          } else store.setReadOnly(o.on);

          for (const p of order) if (cellState(store, p) !== cells.get(p)) expect(woken, `cell ${p}`).toContain(cellKey(p));
          for (const a of anchors) if (store.anchors.get(a) !== rows.get(a)) expect(woken, `row ${a}`).toContain(anchorKey(a));
          if (store.findings !== findings) expect(woken).toContain(FINDINGS_KEY);
          expect(store.findings.map((f) => `${f.code}|${f.fields.join(',')}|${f.message.id}|${f.message.en}`)).toEqual(shape(store.tally));
          expect(store.missingCount).toBe(order.filter((p) => store.value(p) === null).length);
        }
      }),
      { numRuns: 200 },
    );
  });
});
