import { describe, expect, it } from 'vitest';
import { findContest } from '../../../src/domain/setup/index.ts';
import { paperOrder } from '../../../src/domain/tally/fields.ts';
import { gridColumns } from '../../../src/ui/grid/columns.ts';
import { demoSetup } from '../helpers.ts';

const setup = demoSetup();

describe('grid columns', () => {
  it('are the single form’s figures in paper order, grouped under the paper’s headings', () => {
    for (const id of ['PPWP', 'DPD'] as const) {
      const contest = findContest(setup, id)!;
      const groups = gridColumns(contest);
      expect(groups.flatMap((g) => g.columns.map((c) => c.path))).toEqual(paperOrder(contest));
      expect(groups.map((g) => g.key)).toEqual([
        'voters.dpt', 'voters.usedDpt', 'voters.usedDptb', 'voters.usedDpk', 'voters.usedTotal', 'ballots', 'disabled', 'votes', 'result',
      ]);
    }
  });

  it('have short headers for a three-digit column and the form’s full label', () => {
    const groups = gridColumns(findContest(setup, 'PPWP')!);
    const short = (key: string) => groups.find((g) => g.key === key)!.columns.map((c) => c.short.id);
    expect(short('voters.dpt')).toEqual(['L', 'P', 'J']);
    expect(short('ballots')).toEqual(['1', '2', '3', '4']);
    expect(short('votes')).toEqual(['01', '02', '03']);
    expect(short('result')).toEqual(['A', 'B', 'C']);
    const valid = groups.at(-1)!.columns[0]!;
    expect(valid.label).toEqual({ id: 'V.A Jumlah suara sah', en: 'V.A Valid votes' });
    expect(groups.find((g) => g.key === 'voters.dpt')!.columns.map((c) => c.short.en)).toEqual(['M', 'F', 'T']);
  });
});
