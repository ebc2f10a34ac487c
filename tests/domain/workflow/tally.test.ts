import { describe, expect, it } from 'vitest';
import { setFigure } from '../../../src/domain/tally/fields.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';
import {
  TALLY_ACTIONS,
  GUARDED_TALLY_ACTIONS,
  TALLY_TRANSITIONS,
  checkTallyChange,
  figureAction,
  figureMode,
  keepsVerifier,
  statusAfterFigureChange,
  stepTally,
  tallyActions,
  tallyFacts,
  type RefusalCode,
  type TallyFacts,
} from '../../../src/domain/workflow/index.ts';
import { TALLY_STATUSES } from '../../../src/domain/tally/tally.ts';
import { objection } from '../finalisation/fixtures.ts';
import { ACTORS, CLEAN, CONTEST, DESA, OTHER_PANEL_TPS, asStatus } from './fixtures.ts';

const FACTS: TallyFacts = { missing: 0, uncoveredErrors: [], unacceptedWarnings: [], enteredBy: 'Budi', verifiedBy: null };
const entered = asStatus(CLEAN, 'entered', { enteredBy: 'Budi', verifiedBy: null });
const verified = asStatus(CLEAN, 'verified', { enteredBy: 'Budi', verifiedBy: 'Sari' });
const final = asStatus(verified, 'final');
/** The same form with E08: valid votes one more than the sum. */
const withError = (t: Tally): Tally => setFigure(t, 'valid', (t.valid ?? 0) + 1);

describe('stepTally: every (state, action) for every role', () => {
  const actors = Object.entries(ACTORS);
  for (const from of TALLY_STATUSES) {
    for (const action of TALLY_ACTIONS) {
      it.each(actors)(`${from} · ${action} · %s`, (name, actor) => {
        const row = TALLY_TRANSITIONS.find((t) => t.from === from && t.action === action);
        const result = stepTally({ from, action, actor, desa: DESA, facts: FACTS, reason: 'dibaca ulang', verifier: 'Sari' });
        let expected: RefusalCode | null;
        if (name === 'witness' || name === 'panwas') expected = 'read-only-role';
        else if (name === 'otherClerk') expected = 'other-panel';
        else if (!row) expected = from === 'final' ? 'locked' : 'not-from-state';
        else if (!row.roles.includes(actor.role)) expected = from === 'final' ? 'locked' : 'chair-only';
        else expected = null;
        if (expected === null) expect(result).toEqual({ ok: true, value: row!.to });
        else expect(result.ok ? null : result.error.code).toBe(expected);
      });
    }
  }
});

describe('stepTally guards', () => {
  const step = (action: (typeof TALLY_ACTIONS)[number], from: Tally['status'], facts: Partial<TallyFacts>, extra: { reason?: string | null; verifier?: string | null; desaFinal?: boolean } = {}) => {
    const r = stepTally({ from, action, actor: ACTORS.chair, desa: DESA, facts: { ...FACTS, ...facts }, reason: 'alasan', verifier: 'Sari', ...extra });
    return r.ok ? r.value : r.error.code;
  };
  it.each([
    ['entered needs every cell', step('mark-entered', 'draft', { missing: 3 }), 'incomplete'],
    ['entered needs warnings accepted', step('mark-entered', 'draft', { unacceptedWarnings: ['W02'] }), 'warnings-unaccepted'],
    ['entered with an error is fine', step('mark-entered', 'draft', { uncoveredErrors: ['E08'] }), 'entered'],
    ['verify needs another person', step('verify', 'entered', {}, { verifier: ' budi ' }), 'same-person'],
    ['verify needs a verifier', step('verify', 'entered', {}, { verifier: '' }), 'verifier-missing'],
    ['verify refuses an open error', step('verify', 'entered', { uncoveredErrors: ['E08'] }), 'open-errors'],
    ['verify refuses an unaccepted warning', step('verify', 'entered', { unacceptedWarnings: ['W03'] }), 'warnings-unaccepted'],
    ['finalise refuses an open error', step('finalise', 'verified', { uncoveredErrors: ['E08'] }), 'open-errors'],
    ['a correction needs a reason', step('correct', 'verified', {}, { reason: '  ' }), 'reason-required'],
    ['reopening needs a reason', step('reopen', 'final', {}, { reason: null }), 'reason-required'],
    ['second entry by the same person', step('second-entry', 'entered', {}, { verifier: 'Budi' }), 'same-person'],
    ['a finalised desa is locked for typing', step('correct', 'verified', {}, { desaFinal: true }), 'desa-final'],
    ['… but the chair reopens it', step('reopen', 'final', {}, { desaFinal: true }), 'verified'],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('tallyActions: the steps between two stored versions', () => {
  const draft = setFigure(asStatus(CLEAN, 'draft', { enteredBy: null }), 'valid', null);
  it.each([
    ['first op of a form typed and entered offline', null, entered, ['type', 'mark-entered']],
    ['typed, entered and verified offline', null, verified, ['type', 'mark-entered', 'verify']],
    ['entered', draft, entered, ['type', 'mark-entered']],
    ['read-back', entered, verified, ['verify']],
    ['a correction of a verified form', verified, setFigure(entered, 'valid', 1), ['correct']],
    ['corrected and verified again', verified, setFigure(verified, 'valid', 1), ['correct', 'verify']],
    ['finalised', verified, final, ['finalise']],
    ['reopened', final, verified, ['reopen']],
    ['reopened and corrected', final, setFigure(entered, 'valid', 1), ['reopen', 'correct']],
    ['nothing changed on a final form', final, final, []],
    ['a warning accepted', entered, { ...entered, acceptedWarnings: [{ code: 'W02', reason: 'cadangan' }] }, ['accept-warnings']],
  ] as [string, Tally | null, Tally, string[]][])('%s', (_name, before, after, expected) => {
    expect(tallyActions(before, after)).toEqual({ ok: true, value: expected });
  });

  it('refuses going back to draft', () => {
    const r = tallyActions(entered, asStatus(entered, 'draft'));
    expect(r.ok ? null : r.error.code).toBe('not-from-state');
  });
});

describe('checkTallyChange: what the server decides for a pushed form', () => {
  const facts = (t: Tally, decided = false) => tallyFacts(t, CONTEST, decided ? [objection({ level: 'tps', tps: t.tps }, 'PPWP')] : []);
  const check = (before: Tally | null, after: Tally, actor = ACTORS.clerk, opts: { reason?: string; decided?: boolean; desaFinal?: boolean } = {}) => {
    const r = checkTallyChange({ before, after, actor, facts: facts(after, opts.decided), reason: opts.reason ?? null, desaFinal: opts.desaFinal });
    return r.ok ? r.value : r.error.code;
  };
  it.each([
    ['a clerk enters its panel\'s form', () => check(null, entered), 'entered'],
    ['a clerk may not finalise', () => check(verified, final), 'chair-only'],
    ['a clerk pushing a final form from nothing', () => check(null, final), 'chair-only'],
    ['the chair finalises', () => check(verified, final, ACTORS.chair), 'final'],
    ['verified with E08 is refused', () => check(withError(entered), withError(verified)), 'open-errors'],
    ['verified with E08 covered by a decided objection', () => check(withError(entered), withError(verified), ACTORS.clerk, { decided: true }), 'verified'],
    ['a correction without a reason', () => check(verified, setFigure(entered, 'valid', 1)), 'reason-required'],
    ['a correction with a reason', () => check(verified, setFigure(entered, 'valid', 1), ACTORS.clerk, { reason: 'salah baca' }), 'entered'],
    ['a clerk changing a final form', () => check(final, setFigure(final, 'valid', 1), ACTORS.clerk, { reason: 'x' }), 'locked'],
    ['a clerk re-sending a final form unchanged', () => check(final, final), 'locked'],
    ['a witness writing figures', () => check(null, entered, ACTORS.witness), 'read-only-role'],
    ['Panwascam writing figures', () => check(null, entered, ACTORS.panwas), 'read-only-role'],
    ['another panel\'s clerk', () => check(null, entered, ACTORS.otherClerk), 'other-panel'],
    ['the same person verifies', () => check(entered, { ...verified, verifiedBy: 'BUDI' }), 'same-person'],
    ['a finalised desa', () => check(verified, setFigure(entered, 'valid', 1), ACTORS.clerk, { reason: 'x', desaFinal: true }), 'desa-final'],
  ])('%s', (_name, run, expected) => {
    expect(run()).toBe(expected);
  });

  it('a form of another panel\'s desa is refused whatever it holds', () => {
    const other = { ...entered, tps: OTHER_PANEL_TPS };
    expect(check(null, other)).toBe('other-panel');
  });
});

describe('a change of figures, as the table says (the writers, conflicts and the entry form ask these)', () => {
  it.each([
    ['empty', 'type', 'type', 'draft'],
    ['draft', 'type', 'type', 'draft'],
    ['entered', 'correct', 'correct', 'entered'],
    ['verified', 'correct', 'correct', 'entered'],
    ['final', 'locked', 'correct', 'entered'],
  ] as const)('%s: %s, asked as %s, leaves it %s', (from, mode, action, after) => {
    expect(figureMode(from)).toBe(mode);
    expect(figureAction(from)).toBe(action);
    expect(statusAfterFigureChange(from)).toBe(after);
  });

  it('agrees with the steps tallyActions derives for the same change', () => {
    for (const from of TALLY_STATUSES) {
      if (from === 'empty') continue;
      const before = asStatus(CLEAN, from, { enteredBy: 'Budi', verifiedBy: keepsVerifier(from) ? 'Sari' : null });
      const after = asStatus(setFigure(before, 'valid', 1), statusAfterFigureChange(from));
      const actions = tallyActions(before, after);
      expect(actions.ok && actions.value.includes(figureAction(from === 'final' ? 'verified' : from))).toBe(true);
      const step = stepTally({ from, action: figureAction(from), actor: ACTORS.clerk, desa: DESA, facts: FACTS, reason: 'salah baca' });
      if (figureMode(from) === 'locked') expect(step.ok ? null : step.error.code).toBe('locked');
      else expect(step).toEqual({ ok: true, value: statusAfterFigureChange(from) });
    }
  });

  it('keeps the verifier only on verified and final forms', () => {
    expect(TALLY_STATUSES.filter(keepsVerifier)).toEqual(['verified', 'final']);
  });
});

describe('GUARDED_TALLY_ACTIONS', () => {
  it('lists exactly the actions whose guards read the facts', () => {
    const bad: TallyFacts = { missing: 5, uncoveredErrors: ['E08'], unacceptedWarnings: ['W02'], enteredBy: 'Sari', verifiedBy: null };
    const guarded = TALLY_ACTIONS.filter((action) => {
      const row = TALLY_TRANSITIONS.find((t) => t.action === action)!;
      const r = stepTally({ from: row.from, action, actor: ACTORS.chair, desa: DESA, facts: bad, reason: 'alasan', verifier: 'Sari' });
      return !r.ok;
    });
    expect([...guarded].sort()).toEqual([...GUARDED_TALLY_ACTIONS].sort());
  });
});
