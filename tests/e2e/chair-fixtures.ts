import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { expect, type Page } from '@playwright/test';
import { tpsCode, type DesaCode } from '../../src/domain/codes/codes.ts';
import type { ContestSetup, Setup } from '../../src/domain/setup/index.ts';
import { createRng, generateTally, generateTpsProfile } from '../../src/domain/synthetic/generate.ts';
import type { ContestId } from '../../src/domain/tally/contest.ts';
import { TALLIES_FORMAT, type Tally } from '../../src/domain/tally/tally.ts';
import type { TotalsReport } from '../../src/domain/totals/index.ts';
import { DEMO_PATH } from './fixtures.ts';

/** Check-clean, verified tallies (seeded) for every TPS of a desa, as a rekap.tallies/v1 file body. */
export function desaTalliesFile(setup: Setup, desa: DesaCode, contests: readonly ContestSetup[], seed = 1): string {
  const d = setup.desa.find((x) => x.code === desa)!;
  const rng = createRng(seed);
  const tallies: Tally[] = d.tps.flatMap((n) => {
    const profile = generateTpsProfile(rng);
    return contests.map((c) => generateTally(rng, tpsCode(d.code, n), c, profile));
  });
  return JSON.stringify({ format: TALLIES_FORMAT, kecamatan: setup.kecamatan.code, tallies });
}

/** Imports a tallies file through the backup screen, as a chair would. */
export async function importTalliesFile(page: Page, body: string): Promise<void> {
  await page.goto('/#/cadangan');
  await page.getByLabel('Impor berkas hasil TPS (.json)').setInputFiles({ name: 'tallies.json', mimeType: 'application/json', buffer: Buffer.from(body) });
  await expect(page.getByText(/^Diimpor: \d+;/)).toBeVisible();
}

/** Exports the app's rekap.tallies/v1 file through the backup screen; returns its path. */
export async function exportTalliesFile(page: Page): Promise<string> {
  await page.goto('/#/cadangan');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ekspor hasil TPS' }).click()]);
  return download.path();
}

/** `rekap totals` on a tallies file with the demo setup, every contest: one JSON report per contest. */
export function cliTotals(talliesPath: string): TotalsReport[] {
  const run = spawnSync(process.execPath, [resolve(process.cwd(), 'bin/rekap.mjs'), 'totals', '--tallies', talliesPath, '--setup', DEMO_PATH], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const json = JSON.parse(run.stdout) as TotalsReport | TotalsReport[];
  return Array.isArray(json) ? json : [json];
}

export const fmtId = (n: number | null) => (n === null ? '—' : new Intl.NumberFormat('id-ID').format(n));

/** The figure at a dotted path of a totals `figures` object (null when not entered). */
export function figureAt(figures: unknown, path: string): number | null {
  let node: unknown = figures;
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'number' ? node : null;
}

export interface PageTable {
  /** data-col of each header after the item column. */
  columns: string[];
  /** Header text per column (coverage line included). */
  headers: string[];
  /** Cell texts per row path. */
  rows: Record<string, string[]>;
}

/**
 * Reads the D.Hasil table shown on the page, in the paper's column order: the areas, then the total.
 * (The screen shows the total first, beside the item column; the printout shows it last.)
 */
export async function readDHasilTable(page: Page): Promise<PageTable> {
  return page.getByTestId('dhasil-table').first().evaluate((table) => {
    const heads = [...table.querySelectorAll('thead th[data-col]')] as HTMLElement[];
    const order = heads.map((_, i) => i).sort((a, b) => Number(heads[a]!.dataset.kind === 'total') - Number(heads[b]!.dataset.kind === 'total'));
    const rows: Record<string, string[]> = {};
    for (const tr of table.querySelectorAll('tbody tr[data-path]')) {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
      rows[(tr as HTMLElement).dataset.path!] = order.map((i) => cells[i]!);
    }
    return { columns: order.map((i) => heads[i]!.dataset.col!), headers: order.map((i) => heads[i]!.textContent ?? ''), rows };
  });
}

export function contestIds(setup: Setup): ContestId[] {
  return setup.contests.map((c) => c.id);
}

// ---------------------------------------------------------------------------------------------
// Reading the text of a PDF printed by Chromium (Skia), without a PDF library: objects, Flate
// streams, Type0 fonts with ToUnicode CMaps, and the Tj/TJ operators of the page contents. Enough
// for Chromium's own output; not a general PDF reader.

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const src = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const start = m.index + m[0].length;
    const end = src.indexOf('endobj', start);
    const body = src.slice(start, end);
    const streamAt = body.search(/\bstream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(m[1]), { dict: body, stream: null });
    } else {
      const dataStart = start + streamAt + body.slice(streamAt).indexOf('\n') + 1;
      const dataEnd = src.lastIndexOf('endstream', end);
      let data = pdf.subarray(dataStart, dataEnd);
      const dict = body.slice(0, streamAt);
      if (dict.includes('/FlateDecode')) data = inflateSync(data);
      objects.set(Number(m[1]), { dict, stream: data });
    }
    re.lastIndex = end;
  }
  return objects;
}

const hexToCodes = (hex: string) => {
  const codes: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) codes.push(parseInt(hex.slice(i, i + 4), 16));
  return codes;
};
const utf16 = (hex: string) => String.fromCharCode(...hexToCodes(hex));

function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const target = m[3]!;
      if (target.startsWith('[')) {
        [...target.matchAll(/<([0-9A-Fa-f]+)>/g)].forEach((t, i) => map.set(lo + i, utf16(t[1]!)));
      } else {
        const base = hexToCodes(target.slice(1, -1));
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(...base.slice(0, -1), base.at(-1)! + (c - lo)));
      }
    }
  }
  return map;
}

const refs = (s: string) => [...s.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));

/** The text runs of each page, in drawing order (one string per Tj/TJ). */
export function pdfTextRuns(pdf: Buffer): string[][] {
  const objects = pdfObjects(pdf);
  const cmapOfFont = new Map<number, Map<number, string>>();
  for (const [num, obj] of objects) {
    const m = /\/ToUnicode (\d+) 0 R/.exec(obj.dict);
    const cmap = m ? objects.get(Number(m[1]))?.stream : undefined;
    if (/\/Type\s*\/Font\b/.test(obj.dict) && cmap) cmapOfFont.set(num, parseCMap(cmap.toString('latin1')));
  }
  const pages: string[][] = [];
  for (const obj of objects.values()) {
    if (!/\/Type\s*\/Page\b(?!s)/.test(obj.dict)) continue;
    let resources = obj.dict;
    const resRef = /\/Resources (\d+) 0 R/.exec(obj.dict);
    if (resRef) resources = objects.get(Number(resRef[1]))?.dict ?? '';
    const fontDict = /\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map([...fontDict.matchAll(/\/(\S+) (\d+) 0 R/g)].map((m) => [m[1]!, cmapOfFont.get(Number(m[2])) ?? new Map<number, string>()]));
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(obj.dict)?.[1] ?? '';
    const runs: string[] = [];
    for (const ref of refs(contents)) {
      const content = objects.get(ref)?.stream?.toString('latin1') ?? '';
      let font = new Map<number, string>();
      const ops = /\/(\S+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj|\[((?:<[0-9A-Fa-f]*>|[-\d.\s])*)\] TJ/g;
      for (const m of content.matchAll(ops)) {
        if (m[1] !== undefined) font = fonts.get(m[1]) ?? new Map();
        else {
          const hex = m[2] ?? [...m[3]!.matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => x[1]).join('');
          runs.push(hexToCodes(hex).map((c) => font.get(c) ?? '\uFFFD').join(''));
        }
      }
    }
    pages.push(runs);
  }
  return pages;
}

export function readPdf(path: string): string[][] {
  return pdfTextRuns(readFileSync(path));
}
