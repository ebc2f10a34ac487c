// The generated kecamatan against the real setup validation and checks modules: it must be
// check-clean, so that tests, benchmarks and e2e runs that start from it see no findings.
import { describe, expect, it } from 'vitest';
import { checkAll } from '../../../src/domain/checks/index.ts';
import { validateSetup } from '../../../src/domain/setup/validate.ts';
import { generateKecamatan } from '../../../src/domain/synthetic/generate.ts';

describe('generateKecamatan is check-clean', () => {
  it.each([1, 7, 11, 2024])('seed %i: the setup validates and checkAll finds nothing', (seed) => {
    const { setup, tallies } = generateKecamatan({ tps: 400, seed });
    const validated = validateSetup(setup);
    expect(validated.ok ? [] : validated.error).toEqual([]);
    const findings = checkAll(tallies, setup);
    expect(findings.map((f) => `${f.tps} ${f.contest} ${f.code}`)).toEqual([]);
  });
});
