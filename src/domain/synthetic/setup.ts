import type { DesaCode } from '../codes/codes.ts';
import { SETUP_FORMAT, type ContestSetup, type Desa, type Party, type ScheduleDay, type Setup } from '../setup/schema.ts';
import type { Rng } from './random.ts';

/** The 2024 national parties with their real ballot numbers (18–23 are Aceh local parties). */
export const PARTIES_2024: readonly { number: number; abbreviation: string; name: string }[] = [
  { number: 1, abbreviation: 'PKB', name: 'Partai Kebangkitan Bangsa' },
  { number: 2, abbreviation: 'Gerindra', name: 'Partai Gerakan Indonesia Raya' },
  { number: 3, abbreviation: 'PDI-P', name: 'Partai Demokrasi Indonesia Perjuangan' },
  { number: 4, abbreviation: 'Golkar', name: 'Partai Golongan Karya' },
  { number: 5, abbreviation: 'NasDem', name: 'Partai NasDem' },
  { number: 6, abbreviation: 'Buruh', name: 'Partai Buruh' },
  { number: 7, abbreviation: 'Gelora', name: 'Partai Gelombang Rakyat Indonesia' },
  { number: 8, abbreviation: 'PKS', name: 'Partai Keadilan Sejahtera' },
  { number: 9, abbreviation: 'PKN', name: 'Partai Kebangkitan Nusantara' },
  { number: 10, abbreviation: 'Hanura', name: 'Partai Hati Nurani Rakyat' },
  { number: 11, abbreviation: 'Garuda', name: 'Partai Garda Republik Indonesia' },
  { number: 12, abbreviation: 'PAN', name: 'Partai Amanat Nasional' },
  { number: 13, abbreviation: 'PBB', name: 'Partai Bulan Bintang' },
  { number: 14, abbreviation: 'Demokrat', name: 'Partai Demokrat' },
  { number: 15, abbreviation: 'PSI', name: 'Partai Solidaritas Indonesia' },
  { number: 16, abbreviation: 'Perindo', name: 'Partai Persatuan Indonesia' },
  { number: 17, abbreviation: 'PPP', name: 'Partai Persatuan Pembangunan' },
  { number: 24, abbreviation: 'Ummat', name: 'Partai Ummat' },
];

const PAIRS_2024 = [
  'Anies Rasyid Baswedan – Abdul Muhaimin Iskandar',
  'Prabowo Subianto – Gibran Rakabuming Raka',
  'Ganjar Pranowo – Mahfud MD',
];

const DESA_NAMES = [
  'Sukamaju', 'Mekarsari', 'Sidomulyo', 'Karanganyar', 'Sumberejo', 'Tanjungsari', 'Wonosari', 'Jatisari',
  'Margomulyo', 'Sukajadi', 'Rawabadak', 'Pulogadung', 'Cipinang', 'Kebonsari', 'Tegalrejo', 'Purwosari',
  'Sukorejo', 'Banjarsari', 'Kedungjati', 'Ngadirejo', 'Pondokrejo', 'Gunungsari', 'Kalibaru', 'Sawahan',
];

const KECAMATAN = { provinsi: '31', kabupaten: '3175', kecamatan: '317506' } as const;

/**
 * Desa sizes between ~20 and 150 TPS that add up exactly to `tps`. About one desa in five gets an
 * extra 9xx TPS number (as for hospitals or prisons) so that consumers never assume 1..N.
 */
function generateDesa(rng: Rng, tps: number): Desa[] {
  const desa: Desa[] = [];
  for (let remaining = tps, i = 0; remaining > 0; i += 1) {
    const size = remaining <= 150 ? remaining : rng.int(20, Math.min(150, remaining - 20));
    remaining -= size;
    const numbers = Array.from({ length: size }, (_, k) => k + 1);
    if (size >= 2 && rng.next() < 0.2) numbers[size - 1] = 901;
    const base = DESA_NAMES[i % DESA_NAMES.length]!;
    const round = Math.floor(i / DESA_NAMES.length);
    desa.push({
      code: `${KECAMATAN.kecamatan}${1001 + i}` as DesaCode,
      name: round === 0 ? base : `${base} ${round + 1}`,
      tps: numbers,
    });
  }
  return desa;
}

const candidates = (count: number, label: string) =>
  Array.from({ length: count }, (_, k) => ({ number: k + 1, name: `${label} ${k + 1} (sintetis)` }));

const parties = (perParty: number): Party[] =>
  PARTIES_2024.map((p) => ({ ...p, candidates: candidates(perParty, `Calon ${p.abbreviation}`) }));

function generateContests(rng: Rng): ContestSetup[] {
  return [
    {
      id: 'PPWP',
      name: 'Pemilihan Presiden dan Wakil Presiden',
      candidates: PAIRS_2024.map((name, i) => ({ number: i + 1, name })),
    },
    {
      id: 'DPR',
      name: 'Pemilihan Anggota DPR',
      dapil: { name: 'Dapil DPR sintetis', seats: 8 },
      parties: parties(8),
    },
    {
      id: 'DPD',
      name: 'Pemilihan Anggota DPD',
      dapil: { name: 'Provinsi sintetis', seats: 4 },
      candidates: candidates(rng.int(18, 22), 'Calon DPD'),
    },
    {
      id: 'DPRD_PROV',
      name: 'Pemilihan Anggota DPRD Provinsi',
      dapil: { name: 'Dapil DPRD Provinsi sintetis', seats: 8 },
      parties: parties(8),
    },
    {
      id: 'DPRD_KAB',
      name: 'Pemilihan Anggota DPRD Kabupaten/Kota',
      dapil: { name: 'Dapil DPRD Kabupaten/Kota sintetis', seats: 7 },
      parties: parties(7),
    },
  ];
}

/** 2 panels × 2 desa a day from 18 Feb 2024, 08.00–22.00, as in the Puger plan. */
function generateSchedule(desa: readonly Desa[]): ScheduleDay[] {
  const days: ScheduleDay[] = [];
  const perDay = 4;
  for (let d = 0; d * perDay < desa.length; d += 1) {
    const today = desa.slice(d * perDay, (d + 1) * perDay).map((x) => x.code);
    const date = new Date(Date.UTC(2024, 1, 18 + d)).toISOString().slice(0, 10);
    days.push({
      date,
      start: '08:00',
      end: '22:00',
      assignments: [
        { panel: 'panel-1', desa: today.slice(0, 2) },
        { panel: 'panel-2', desa: today.slice(2) },
      ].filter((a) => a.desa.length > 0),
    });
  }
  return days;
}

export function generateSetup(rng: Rng, tps: number): Setup {
  const desa = generateDesa(rng, tps);
  return {
    format: SETUP_FORMAT,
    election: { id: 'pemilu-2024-sintetis', name: 'Pemilu 2024 (data sintetis)', votingDate: '2024-02-14' },
    provinsi: { code: KECAMATAN.provinsi, name: 'DKI Jakarta' } as Setup['provinsi'],
    kabupaten: { code: KECAMATAN.kabupaten, name: 'Kota Jakarta Timur' } as Setup['kabupaten'],
    kecamatan: { code: KECAMATAN.kecamatan, name: 'Kecamatan Sintetis' } as Setup['kecamatan'],
    desa,
    contests: generateContests(rng),
    panels: [
      { id: 'panel-1', name: 'Panel 1' },
      { id: 'panel-2', name: 'Panel 2' },
    ],
    schedule: { timeZone: 'Asia/Jakarta', days: generateSchedule(desa) },
    settings: { verification: 'readback' },
  };
}
