import { describe, expect, it, vi } from 'vitest';
import { checkTally } from '../../../src/domain/checks/index.ts';
import { tpsCode, type DesaCode } from '../../../src/domain/codes/codes.ts';
import type { CandidateContestSetup } from '../../../src/domain/setup/schema.ts';
import { emptyTally, paperOrder, setFigure, type FieldPath } from '../../../src/domain/tally/fields.ts';
import type { Figure, Tally } from '../../../src/domain/tally/tally.ts';
import { EntryStore, type CellWriter } from '../../../src/ui/entry/entryStore.ts';
import { anchorKey, cellKey, FINDINGS_KEY } from '../../../src/ui/entry/storeKeys.ts';

const contest: CandidateContestSetup = {
  id: 'PPWP',
  name: 'PPWP',
  candidates: [1, 2, 3].map((n) => ({ number: n, name: `Paslon ${n}` })),
};
const tps = tpsCode('3509082001' as DesaCode, 1);

function setupStore(opts: { delay?: number; fail?: (path: FieldPath) => boolean; base?: Tally } = {}) {
  const calls: [FieldPath, Figure, string | null][][] = [];
  let db = opts.base ?? emptyTally(tps, contest);
  const writer: CellWriter = async (changes, reason) => {
    calls.push(changes.map(({ path, value }) => [path, value, reason]));
    await new Promise((r) => setTimeout(r, opts.delay ?? 1));
    // All or nothing, like the database's transaction.
    if (changes.some(({ path }) => opts.fail?.(path))) return { id: 'Penyimpanan penuh', en: 'Storage full' };
    for (const { path, value } of changes) db = setFigure({ ...db, status: db.status === 'empty' ? 'draft' : db.status }, path, value);
    return null;
  };
  const store = new EntryStore(db, paperOrder(contest), (t) => checkTally(t, contest), writer);
  return { store, calls, stored: () => db };
}

describe('EntryStore', () => {
  it('writes what was typed during a write in one next batch, each cell with its last value', async () => {
    const { store, calls, stored } = setupStore({ delay: 20 });
    store.setCell('votes.1', 1);
    await vi.waitFor(() => expect(calls).toHaveLength(1)); // the first write is in flight
    store.setCell('votes.1', 12);
    store.setCell('votes.2', 3);
    store.setCell('votes.1', 123);
    expect(store.value('votes.1')).toBe(123); // shown at once
    expect(store.saveState.kind).toBe('saving');
    await store.settled();
    expect(calls.map((batch) => batch.map(([p, v]) => `${p}=${v}`))).toEqual([['votes.1=1'], ['votes.1=123', 'votes.2=3']]);
    expect(stored().votes).toMatchObject({ 1: 123, 2: 3, 3: null });
    expect(store.saveState.kind).toBe('saved');
  });

  it('keeps typed figures over a stale stored tally until the database has them', async () => {
    const { store, stored } = setupStore({ delay: 20 });
    const stale = stored();
    store.setCell('valid', 7);
    store.setBase(stale); // a live-query emission from before the write
    expect(store.value('valid')).toBe(7);
    await store.settled();
    store.setBase(stored());
    expect(store.value('valid')).toBe(7);
  });

  it('shows a failed write as an error and the stored value again', async () => {
    const { store } = setupStore({ fail: (p) => p === 'invalid' });
    store.setCell('invalid', 5);
    await store.settled();
    expect(store.saveState).toEqual({ kind: 'error', message: { id: 'Penyimpanan penuh', en: 'Storage full' } });
    expect(store.value('invalid')).toBeNull();
  });

  it('runs the checks once per change and keeps unchanged rows’ findings identical', () => {
    const { store } = setupStore();
    store.setCell('votes.1', 10);
    store.setCell('votes.2', 0);
    store.setCell('votes.3', 0);
    store.setCell('valid', 20);
    const e08 = store.anchors.get('valid');
    expect(e08?.map((f) => f.code)).toEqual(['E08']);
    store.setCell('voters.dpt.male', 1); // unrelated cell
    expect(store.anchors.get('valid')).toBe(e08);
    expect(store.severities.get('votes.1')).toBe('error');
  });

  it('after "entered", holds a change as a draft until a reason is given', async () => {
    const base = { ...setFigure(emptyTally(tps, contest), 'votes.1', 4), status: 'entered' as const };
    const { store, calls } = setupStore({ base });
    store.setCell('votes.1', 5);
    expect(calls).toHaveLength(0);
    expect(store.text('votes.1')).toBe('5');
    expect(store.value('votes.1')).toBe(4);
    expect(store.commitDraft('votes.1', 'votes.2')).toBe(true);
    expect(store.correction).toEqual({ path: 'votes.1', before: 4, after: 5, then: 'votes.2' });
    store.cancelCorrection();
    expect(store.text('votes.1')).toBe('4');

    store.setDraft('votes.1', '6');
    store.commitDraft('votes.1');
    expect(await store.confirmCorrection('salah baca')).toBeNull();
    expect(calls).toEqual([[['votes.1', 6, 'salah baca']]]);
    expect(store.value('votes.1')).toBe(6);
    expect(store.correction).toBeNull();
  });

  it('shows a keystroke at once and starts its autosave only afterwards (after the next paint), typed cells batched', async () => {
    const { store, calls } = setupStore();
    store.setCell('votes.1', 1);
    store.setCell('votes.2', 2);
    expect(store.value('votes.1')).toBe(1);
    expect(store.saveState.kind).toBe('saving');
    expect(calls).toHaveLength(0); // no IndexedDB work on the keystroke's own path
    await store.settled();
    expect(calls).toEqual([[['votes.1', 1, null], ['votes.2', 2, null]]]);
    expect(store.saveState.kind).toBe('saved');
  });

  it('wakes only the listeners of what a keystroke changed: the cell, the cells whose severity changed, the row and the list of findings', () => {
    const { store } = setupStore();
    const woken: string[] = [];
    const listen = (key: string) => store.subscribeTo([key], () => woken.push(key));
    for (const p of paperOrder(contest)) listen(cellKey(p));
    listen(anchorKey('valid'));
    listen(FINDINGS_KEY);

    store.setCell('votes.1', 10);
    expect(woken).toEqual([cellKey('votes.1')]);

    woken.length = 0;
    for (const [p, v] of [['votes.2', 0], ['votes.3', 0]] as const) store.setCell(p, v);
    store.setCell('valid', 20); // E08: valid 20 ≠ 10
    expect(new Set(woken)).toEqual(
      new Set([
        cellKey('votes.2'), cellKey('votes.3'), cellKey('valid'),
        // E08 marks valid and the three vote cells
        cellKey('votes.1'),
        anchorKey('valid'), FINDINGS_KEY,
      ]),
    );

    woken.length = 0;
    store.setCell('voters.dpt.male', 1); // unrelated: the findings stay as they are
    expect(woken).toEqual([cellKey('voters.dpt.male')]);
    expect(store.findings.map((f) => f.code)).toEqual(['E08']);

    woken.length = 0;
    store.setCell('valid', 10); // E08 gone
    expect(new Set(woken)).toEqual(
      new Set([cellKey('valid'), cellKey('votes.1'), cellKey('votes.2'), cellKey('votes.3'), anchorKey('valid'), FINDINGS_KEY]),
    );
  });

  it('wakes every cell when the form turns read-only, and counts the cells still empty', () => {
    const { store } = setupStore();
    const woken = new Set<string>();
    for (const p of paperOrder(contest)) store.subscribeTo([cellKey(p)], () => woken.add(p));
    expect(store.missingCount).toBe(paperOrder(contest).length);
    store.setCell('votes.1', 3);
    expect(store.missingCount).toBe(paperOrder(contest).length - 1);
    woken.clear();
    store.setReadOnly(true);
    expect(woken.size).toBe(paperOrder(contest).length);
    expect(store.frozen).toBe(true);
  });
});
