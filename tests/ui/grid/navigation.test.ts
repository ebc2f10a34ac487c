import { describe, expect, it } from 'vitest';
import { stepAlong, stepVertical } from '../../../src/ui/grid/navigation.ts';

const all = () => true;

describe('grid moves', () => {
  it('Enter/Tab go along the row, then to the first cell of the next row; Shift back to the last cell of the previous one', () => {
    expect(stepAlong({ row: 0, col: 3 }, 1, 28, 3, all)).toEqual({ row: 0, col: 4 });
    expect(stepAlong({ row: 0, col: 27 }, 1, 28, 3, all)).toEqual({ row: 1, col: 0 });
    expect(stepAlong({ row: 1, col: 0 }, -1, 28, 3, all)).toEqual({ row: 0, col: 27 });
    expect(stepAlong({ row: 2, col: 27 }, 1, 28, 3, all)).toBeUndefined();
    expect(stepAlong({ row: 0, col: 0 }, -1, 28, 3, all)).toBeUndefined();
  });

  it('skips rows that cannot be typed when crossing to another row, not within a row', () => {
    const editable = (row: number) => row !== 1 && row !== 2;
    expect(stepAlong({ row: 0, col: 27 }, 1, 28, 5, editable)).toEqual({ row: 3, col: 0 });
    expect(stepAlong({ row: 3, col: 0 }, -1, 28, 5, editable)).toEqual({ row: 0, col: 27 });
    expect(stepAlong({ row: 1, col: 5 }, 1, 28, 5, editable)).toEqual({ row: 1, col: 6 });
    expect(stepAlong({ row: 3, col: 27 }, 1, 28, 5, (row) => row < 4)).toBeUndefined();
  });

  it('arrows keep the column and stop at the first and last rows', () => {
    expect(stepVertical({ row: 1, col: 9 }, 1, 3)).toEqual({ row: 2, col: 9 });
    expect(stepVertical({ row: 1, col: 9 }, -1, 3)).toEqual({ row: 0, col: 9 });
    expect(stepVertical({ row: 2, col: 9 }, 1, 3)).toBeUndefined();
    expect(stepVertical({ row: 0, col: 9 }, -1, 3)).toBeUndefined();
  });
});
