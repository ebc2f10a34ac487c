import type { TpsCode } from '../../domain/codes/codes.ts';
import type { Setup } from '../../domain/setup/index.ts';

export interface TpsGroup {
  desa: string;
  name: string;
  /** TPS numbers as printed (001, 902). */
  numbers: string[];
}

/** TPS codes grouped by desa (in the order given), for lists like "MLOKOREJO: TPS 004, 007". */
export function groupTpsByDesa(setup: Setup, codes: readonly TpsCode[]): TpsGroup[] {
  const names = new Map(setup.desa.map((d) => [d.code as string, d.name]));
  const groups = new Map<string, TpsGroup>();
  for (const code of codes) {
    const desa = code.slice(0, 10);
    let group = groups.get(desa);
    if (!group) groups.set(desa, (group = { desa, name: names.get(desa) ?? desa, numbers: [] }));
    group.numbers.push(code.slice(10));
  }
  return [...groups.values()];
}
