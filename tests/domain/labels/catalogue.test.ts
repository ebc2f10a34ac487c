import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellLabel } from '../../../src/domain/checks/labels.ts';
import { CONTEST_LABELS, STATUS_LABELS } from '../../../src/domain/labels/index.ts';
import { fieldLabelText } from '../../../src/domain/setup/labels.ts';
import { SetupSchema } from '../../../src/domain/setup/schema.ts';
import { CONTEST_IDS } from '../../../src/domain/tally/contest.ts';
import { TALLY_STATUSES } from '../../../src/domain/tally/tally.ts';
import { en } from '../../../src/ui/i18n/en.ts';
import { id } from '../../../src/ui/i18n/id.ts';
import { demoJson } from '../setup/demo.ts';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

describe('the label catalogue', () => {
  it('is what the UI says for every contest and status, in both languages', () => {
    for (const c of CONTEST_IDS) expect([id.contest[c], en.contest[c]]).toEqual([CONTEST_LABELS[c].id, CONTEST_LABELS[c].en]);
    for (const s of TALLY_STATUSES) {
      expect([id.status[s], en.status[s]]).toEqual([STATUS_LABELS[s].id, STATUS_LABELS[s].en]);
      expect([id.dhasil.tpsState[s], en.dhasil.tpsState[s]]).toEqual([STATUS_LABELS[s].id, STATUS_LABELS[s].en]);
    }
  });

  it('words a party cell the same in the form and in a check message (by number there)', () => {
    const setup = SetupSchema.parse(demoJson());
    const dpr = setup.contests.find((c) => c.id === 'DPR')!;
    if (!('parties' in dpr)) throw new Error('DPR has parties');
    const party = dpr.parties[0]!;
    const short = party.abbreviation ?? party.name;
    expect(fieldLabelText(dpr, `votes.${party.number}.candidates.2`).id).toBe(`${short} — calon 2`);
    expect(cellLabel('DPR', `votes.${party.number}.candidates.2`, 'id')).toBe(`Partai ${party.number} — calon 2`);
    expect(fieldLabelText(dpr, `votes.${party.number}.total`).en).toBe(`${short} — total (B)`);
    expect(cellLabel('DPR', `votes.${party.number}.total`, 'en')).toBe(`Party ${party.number} — total (B)`);
  });

  it('has no second copy of the contest names in the source', () => {
    const names = new Set(CONTEST_IDS.flatMap((c) => [CONTEST_LABELS[c].id, CONTEST_LABELS[c].en]).filter((n) => n !== 'DPR' && n !== 'DPD'));
    const copies = files('src')
      .filter((f) => !f.startsWith(join('src', 'domain', 'labels')))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'([^'\n]+)'/g)].filter((m) => names.has(m[1]!)).map((m) => `${f}: ${m[0]}`));
    expect(copies).toEqual([]);
  });
});
