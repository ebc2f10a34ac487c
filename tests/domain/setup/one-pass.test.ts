import { describe, expect, it } from 'vitest';
import { validateSetup, type SetupIssue } from '../../../src/domain/setup/validate.ts';
import { demoJson } from './demo.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke at raw JSON

function issuesOf(mutate: (setup: Json) => void): SetupIssue[] {
  const setup = demoJson() as Json;
  mutate(setup);
  const result = validateSetup(setup);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.error;
}

const paths = (issues: readonly SetupIssue[]) => issues.map((i) => i.path);

describe('setup validation reports every problem in one pass', () => {
  it('lists a broken field and a duplicate elsewhere together (no second round after fixing the first)', () => {
    const issues = issuesOf((s) => {
      s.desa[1].tps[0] = '1'; // shape: a text where a number belongs
      s.desa.push({ ...s.desa[2], name: 'KOPI' }); // rule: a duplicate desa code
      s.contests[0].candidates[2].number = 1; // rule: a pair number used twice
      s.panels.push({ id: s.panels[0].id, name: 'Panel 3' }); // rule: a panel id used twice
    });
    const added = (demoJson().desa as unknown[]).length;
    expect(paths(issues)).toEqual(['desa[1].tps[0]', `desa[${added}].code`, 'contests[0].candidates[2].number', 'panels[2].id']);
    expect(issues[0]!.message.id).toMatch(/^Jenis isian salah: diharapkan angka, tertulis teks "1"/);
    expect(issues[1]!.message.id).toMatch(/^Kode desa \d{10} sudah dipakai oleh desa\[2\]/);
  });

  it('checks the duplicates of an entry that is itself broken elsewhere', () => {
    const issues = issuesOf((s) => {
      s.desa[5].name = '  ';
      s.desa[5].code = s.desa[2].code;
      s.desa[5].tps = [1, 2, 2, 'x'];
    });
    expect(paths(issues)).toEqual(expect.arrayContaining(['desa[5].name', 'desa[5].code', 'desa[5].tps[2]', 'desa[5].tps[3]']));
    // Without a readable name the desa is named by its code.
    expect(issues.find((i) => i.path === 'desa[5].tps[2]')!.message.id).toMatch(/^TPS 2 tercantum dua kali di desa \d{10} /);
  });

  it('does not report the consequences of one broken field again elsewhere', () => {
    // A malformed kecamatan code: not "every desa is outside the kecamatan".
    expect(paths(issuesOf((s) => { s.kecamatan.code = '35.09.08'; }))).toEqual(['kecamatan.code']);
    // A malformed desa code: not "the schedule names an unknown desa" where the schedule names it.
    expect(paths(issuesOf((s) => { s.desa[0].code = '35.09.08.2001'; }))).toEqual(['desa[0].code']);
    // A malformed panel id: not "unknown panel" at every assignment of that panel.
    expect(paths(issuesOf((s) => { s.panels[0].id = 'Panel 1'; }))).toEqual(['panels[0].id']);
  });

  it('still checks references against complete lists while other parts are broken', () => {
    const issues = issuesOf((s) => {
      s.election.name = 42;
      s.schedule.days[0].assignments[1].panel = 'panel-9';
    });
    expect(paths(issues)).toEqual(['election.name', 'schedule.days[0].assignments[1].panel']);
  });

  it('lists the problems in the order of the file', () => {
    const issues = issuesOf((s) => {
      s.schedule.days[1].end = '07:00';
      s.panels.push({ id: s.panels[0].id, name: 'Panel 3' });
      s.desa[10].tps[0] = 0;
      s.desa[2].tps[1] = s.desa[2].tps[0];
      s.provinsi.code = 35;
    });
    expect(paths(issues)).toEqual(['provinsi.code', 'desa[2].tps[1]', 'desa[10].tps[0]', 'panels[2].id', 'schedule.days[1].end']);
  });

  it('reads nothing into what is not a setup at all', () => {
    for (const input of [null, 42, 'rekap', [], { desa: 'x', contests: [null], schedule: { days: [7] } }]) {
      const result = validateSetup(input);
      expect(result.ok).toBe(false);
      for (const issue of result.ok ? [] : result.error) expect(issue.message.id, issue.path).not.toMatch(/dua kali|tidak ada di daftar|tidak diawali/);
    }
  });
});
