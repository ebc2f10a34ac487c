import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { tpsCode, type TpsCode } from '../../src/domain/codes/codes.ts';
import { fieldLabel, findContest, validateSetup, type ContestSetup, type PartyContestSetup, type Setup } from '../../src/domain/setup/index.ts';
import { paperOrder, type FieldPath } from '../../src/domain/tally/fields.ts';

export const DEMO_PATH = resolve(process.cwd(), 'public/demo/puger-setup.json');

export function demoSetup(): Setup {
  const result = validateSetup(JSON.parse(readFileSync(DEMO_PATH, 'utf8')));
  if (!result.ok) throw new Error('demo setup invalid');
  return result.value;
}

export function contestOf(setup: Setup, id: ContestSetup['id']): ContestSetup {
  const contest = findContest(setup, id);
  if (!contest) throw new Error(`no ${id} in demo`);
  return contest;
}

/** The first TPS of the first desa Panel 1 opens on day 1 (the clerk's first form). */
export function firstTps(setup: Setup): TpsCode {
  const code = setup.schedule.days[0]!.assignments.find((a) => a.panel === 'panel-1')!.desa[0]!;
  const desa = setup.desa.find((d) => d.code === code)!;
  return tpsCode(desa.code, desa.tps[0]!);
}

/**
 * A consistent C.Hasil (no error, no warning) for any contest, in paper order: the votes follow a
 * fixed pattern and sections I, II, III and V are derived from their sum.
 */
export function consistentFigures(contest: ContestSetup): Map<FieldPath, number> {
  const votes = new Map<FieldPath, number>();
  let valid = 0;
  if (!('parties' in contest)) {
    contest.candidates.forEach((c, i) => {
      const v = 7 + ((i * 13) % 40);
      votes.set(`votes.${c.number}`, v);
      valid += v;
    });
  } else {
    contest.parties.forEach((p, k) => {
      const partyOnly = (k % 4) + 1;
      let total = partyOnly;
      votes.set(`votes.${p.number}.partyOnly`, partyOnly);
      p.candidates.forEach((c, j) => {
        const v = (k + j) % 3;
        votes.set(`votes.${p.number}.candidates.${c.number}`, v);
        total += v;
      });
      votes.set(`votes.${p.number}.total`, total);
      valid += total;
    });
  }
  const invalid = 5;
  const voted = valid + invalid; // B.4 J = V.C
  const b2 = { male: 2, female: 1 };
  const b3 = { male: 1, female: 1 };
  const b1Total = voted - 5;
  const b1 = { male: Math.floor(b1Total / 2), female: b1Total - Math.floor(b1Total / 2) };
  const b4 = { male: b1.male + b2.male + b3.male, female: b1.female + b2.female + b3.female };
  const dpt = { male: b1.male + 20, female: b1.female + 20 };
  const received = Math.ceil(1.02 * (dpt.male + dpt.female));
  const values: Record<string, number> = {
    'voters.dpt.male': dpt.male,
    'voters.dpt.female': dpt.female,
    'voters.dpt.total': dpt.male + dpt.female,
    'voters.usedDpt.male': b1.male,
    'voters.usedDpt.female': b1.female,
    'voters.usedDpt.total': b1Total,
    'voters.usedDptb.male': b2.male,
    'voters.usedDptb.female': b2.female,
    'voters.usedDptb.total': 3,
    'voters.usedDpk.male': b3.male,
    'voters.usedDpk.female': b3.female,
    'voters.usedDpk.total': 2,
    'voters.usedTotal.male': b4.male,
    'voters.usedTotal.female': b4.female,
    'voters.usedTotal.total': voted,
    'ballots.received': received,
    'ballots.used': voted,
    'ballots.returned': 1,
    'ballots.unused': received - voted - 1,
    'disabled.male': 1,
    'disabled.female': 1,
    'disabled.total': 2,
    valid,
    invalid,
    total: voted,
  };
  const out = new Map<FieldPath, number>();
  for (const path of paperOrder(contest)) {
    const v = values[path] ?? votes.get(path);
    if (v === undefined) throw new Error(`no figure for ${path}`);
    out.set(path, v);
  }
  return out;
}

export function partiesOf(contest: ContestSetup): PartyContestSetup['parties'] {
  return 'parties' in contest ? contest.parties : [];
}

export function label(contest: ContestSetup, path: FieldPath): string {
  return fieldLabel(contest, path, 'id');
}

/** First run through the UI: operator name, the Puger demo, Panel 1. */
export async function startDemo(page: Page, opts: { operator?: string; base?: string } = {}): Promise<void> {
  const operator = opts.operator ?? 'Siti Aminah';
  await page.goto(`${opts.base ?? ''}/`);
  await page.getByLabel('Nama operator').fill(operator);
  await page.getByRole('button', { name: 'Mulai demo Puger' }).click();
  await page.getByRole('radio', { name: 'Panel 1' }).check();
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('heading', { name: 'Pekerjaan rekapitulasi' })).toBeVisible();
}

/** Opens a TPS × contest form by clicking through day → desa → TPS cell, as a clerk would. */
export async function openForm(page: Page, setup: Setup, tps: TpsCode, contest: ContestSetup, base = ''): Promise<void> {
  const desa = setup.desa.find((d) => tps.startsWith(d.code))!;
  await page.goto(`${base}/#/desa/${desa.code}`);
  const number = tps.slice(10);
  await page.getByRole('link', { name: new RegExp(`^TPS ${number}, ${contestName(contest.id)}: `) }).click();
  await expect(page.getByTestId('entry-form')).toBeVisible();
}

function contestName(id: ContestSetup['id']): string {
  return { PPWP: 'Presiden', DPR: 'DPR', DPD: 'DPD', DPRD_PROV: 'DPRD Prov\\.', DPRD_KAB: 'DPRD Kab\\.' }[id];
}

/** The accessible name of the focused element. */
export async function focusedLabel(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
}

/**
 * Types every figure with the keyboard only: focus the first cell, then digits and Tab/Enter, checking
 * at each step that focus is on the next cell of the paper order.
 */
export async function typeFigures(page: Page, contest: ContestSetup, figures: Map<FieldPath, number>, opts: { check?: boolean } = {}): Promise<void> {
  const entries = [...figures];
  await page.getByLabel(label(contest, entries[0]![0]), { exact: true }).focus();
  for (const [i, [path, value]] of entries.entries()) {
    if (opts.check !== false) expect(await focusedLabel(page)).toBe(label(contest, path));
    await page.keyboard.type(String(value));
    await page.keyboard.press(i % 2 === 0 ? 'Tab' : 'Enter');
  }
}

/** Every cell shows its figure (read through the accessible labels). */
export async function expectFigures(page: Page, contest: ContestSetup, figures: Map<FieldPath, number | null>): Promise<void> {
  for (const [path, value] of figures) {
    await expect(page.getByLabel(label(contest, path), { exact: true })).toHaveValue(value === null ? '' : String(value));
  }
}

/** Waits until the service worker controls... or at least is active for this origin. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (registration.active?.state !== 'activated') {
      await new Promise<void>((resolve) => registration.active?.addEventListener('statechange', () => registration.active?.state === 'activated' && resolve()));
    }
  });
}
