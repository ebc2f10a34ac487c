import { describe, expect, it } from 'vitest';
import { recordLabel } from '../../../src/domain/workflow/recordLabel.ts';
import { SetupSchema } from '../../../src/domain/setup/schema.ts';
import { demoJson } from '../setup/demo.ts';

describe('recordLabel', () => {
  const setup = SetupSchema.parse(demoJson());
  const desa = setup.desa[1]!;
  const tps = `${desa.code}${String(desa.tps[1]).padStart(3, '0')}`;

  it('names a form, a desa and the kecamatan in words, never by the raw key', () => {
    expect(recordLabel(setup, `${tps}:PPWP`)).toEqual({ id: `${desa.name} TPS ${String(desa.tps[1]).padStart(3, '0')}, Presiden`, en: `${desa.name} TPS ${String(desa.tps[1]).padStart(3, '0')}, President` });
    expect(recordLabel(setup, `${desa.code}:DPD`).id).toBe(`Desa ${desa.name}, DPD`);
    expect(recordLabel(setup, `${setup.kecamatan.code}:DPRD_KAB`).id).toBe(`Kecamatan ${setup.kecamatan.name}, DPRD Kab.`);
  });

  it('still words the codes where there is no setup to name them', () => {
    const label = recordLabel(null, '3509082004002:PPWP');
    expect(label.id).toBe('3509082004 TPS 002, Presiden');
    expect(label.id).not.toMatch(/\d{13}:[A-Z_]+/);
    expect(recordLabel(null, '3509082004:DPR').id).toBe('Desa 3509082004, DPR');
  });
});
