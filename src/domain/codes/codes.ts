import { z } from 'zod';

/**
 * KPU region codes without dots (DESIGN.md §2). Branded so that a desa code can never be passed
 * where a TPS code is expected; BPS codes have other lengths and are refused by the patterns.
 */
export const ProvinsiCodeSchema = z.string().regex(/^\d{2}$/).brand<'ProvinsiCode'>();
export const KabupatenCodeSchema = z.string().regex(/^\d{4}$/).brand<'KabupatenCode'>();
export const KecamatanCodeSchema = z.string().regex(/^\d{6}$/).brand<'KecamatanCode'>();
export const DesaCodeSchema = z.string().regex(/^\d{10}$/).brand<'DesaCode'>();
export const TpsCodeSchema = z.string().regex(/^\d{13}$/).brand<'TpsCode'>();

export type ProvinsiCode = z.infer<typeof ProvinsiCodeSchema>;
export type KabupatenCode = z.infer<typeof KabupatenCodeSchema>;
export type KecamatanCode = z.infer<typeof KecamatanCodeSchema>;
export type DesaCode = z.infer<typeof DesaCodeSchema>;
export type TpsCode = z.infer<typeof TpsCodeSchema>;

/** A TPS number as printed (1–999); gaps and 9xx ranges are normal, never assume 1..N. */
export const TpsNumberSchema = z.number().int().min(1).max(999);

export function tpsCode(desa: DesaCode, tpsNumber: number): TpsCode {
  return TpsCodeSchema.parse(`${desa}${String(tpsNumber).padStart(3, '0')}`);
}

export function desaOfTps(tps: TpsCode): DesaCode {
  return tps.slice(0, 10) as DesaCode;
}

export function kecamatanOfDesa(desa: DesaCode): KecamatanCode {
  return desa.slice(0, 6) as KecamatanCode;
}

export function tpsNumberOf(tps: TpsCode): number {
  return Number(tps.slice(10));
}
