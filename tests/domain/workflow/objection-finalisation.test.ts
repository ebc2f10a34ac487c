import { describe, expect, it } from 'vitest';
import type { Objection } from '../../../src/domain/objections/index.ts';
import { checkFinalisationChange, checkObjectionChange, type FinalisationLike } from '../../../src/domain/workflow/index.ts';
import { objection } from '../finalisation/fixtures.ts';
import { ACTORS, CLEAN } from './fixtures.ts';

const filed: Objection = { ...objection({ level: 'tps', tps: CLEAN.tps }, 'PPWP', false), filedBy: { name: 'Saksi 02', role: 'witness' } };
const decided: Objection = { ...filed, decision: { status: 'rejected', note: 'Sesuai C.Hasil', by: 'Ketua', at: '2024-02-18T05:00:00.000Z' } };

describe('checkObjectionChange', () => {
  const code = (r: ReturnType<typeof checkObjectionChange>) => (r.ok ? r.value : r.error.code);
  it.each([
    ['a witness files one', () => checkObjectionChange(null, filed, ACTORS.witness), 'filed'],
    ['Panwascam files one', () => checkObjectionChange(null, { ...filed, filedBy: { name: 'P', role: 'panwas' } }, ACTORS.panwas), 'filed'],
    ['filed under another role', () => checkObjectionChange(null, filed, ACTORS.panwas), 'immutable'],
    ['a witness may not decide', () => checkObjectionChange(filed, decided, ACTORS.witness), 'chair-only'],
    ['a clerk may not decide', () => checkObjectionChange(filed, decided, ACTORS.clerk), 'chair-only'],
    ['the chair decides', () => checkObjectionChange(filed, decided, ACTORS.chair), 'decided'],
    ['filed and decided offline by the chair', () => checkObjectionChange(null, { ...decided, filedBy: { name: 'K', role: 'chair' } }, ACTORS.chair), 'decided'],
    ['a witness filing an already decided one', () => checkObjectionChange(null, decided, ACTORS.witness), 'chair-only'],
    ['the text never changes', () => checkObjectionChange(filed, { ...decided, description: 'lain' }, ACTORS.chair), 'immutable'],
    ['a decision is not taken back', () => checkObjectionChange(decided, filed, ACTORS.chair), 'not-from-state'],
    ['the chair links a correction', () => checkObjectionChange(decided, { ...decided, corrections: [{ key: `${CLEAN.tps}:PPWP`, revision: 3 }] }, ACTORS.chair), 'decided'],
  ])('%s', (_name, run, expected) => {
    expect(code(run())).toBe(expected);
  });
});

describe('checkFinalisationChange', () => {
  const final: FinalisationLike = { state: 'final', history: [{ action: 'finalised', reason: null }] };
  const reopened: FinalisationLike = { state: 'reopened', history: [...final.history, { action: 'reopened', reason: 'hitung ulang TPS 3' }] };
  const code = (r: ReturnType<typeof checkFinalisationChange>) => (r.ok ? r.value : r.error.code);
  it.each([
    ['the chair finalises a ready desa', () => checkFinalisationChange(null, final, ACTORS.chair, 0), 'final'],
    ['not while something blocks it', () => checkFinalisationChange(null, final, ACTORS.chair, 2), 'not-ready'],
    ['a clerk may not finalise', () => checkFinalisationChange(null, final, ACTORS.clerk, 0), 'chair-only'],
    ['the chair reopens with a reason', () => checkFinalisationChange(final, reopened, ACTORS.chair, 5), 'reopened'],
    ['not without one', () => checkFinalisationChange(final, { state: 'reopened', history: [...final.history, { action: 'reopened', reason: ' ' }] }, ACTORS.chair, 0), 'reason-required'],
    ['history is append-only', () => checkFinalisationChange(reopened, { state: 'final', history: [{ action: 'finalised', reason: null }] }, ACTORS.chair, 0), 'immutable'],
    ['finalised again after reopening', () => checkFinalisationChange(reopened, { state: 'final', history: [...reopened.history, { action: 'finalised', reason: null }] }, ACTORS.chair, 0), 'final'],
    ['a state the history does not reach', () => checkFinalisationChange(null, { state: 'reopened', history: final.history }, ACTORS.chair, 0), 'immutable'],
    ['finalising twice in a row', () => checkFinalisationChange(final, { state: 'final', history: [...final.history, { action: 'finalised', reason: null }] }, ACTORS.chair, 0), 'not-from-state'],
  ])('%s', (_name, run, expected) => {
    expect(code(run())).toBe(expected);
  });
});
