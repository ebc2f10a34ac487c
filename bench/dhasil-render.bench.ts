import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { desaOfTps } from '../src/domain/codes/codes.ts';
import { generateKecamatan } from '../src/domain/synthetic/generate.ts';
import { tallyKey } from '../src/domain/tally/tally.ts';
import { buildApp, launchChromium, serveStatic } from './browser.ts';
import { ms, summarise } from './measure.ts';
import { registerBenchmark } from './registry.ts';

/** The largest kecamatan of Pemilu 2024 (Cakung): its D.Hasil must stay responsive. */
const TPS = 1591;
const RUNS = Number(process.env.BENCH_DHASIL_RUNS ?? 10);
const OPERATOR = 'Ketua PPK';

/**
 * A rekap.backup/v1 file with the generated kecamatan's setup (5 contests) and its 1,591 verified
 * DPR tallies (18 parties × 8 candidates: the heaviest D.Hasil). The D.Hasil reads one contest
 * through an index, so the other contests' rows would not change what is measured.
 */
function backupFile() {
  const { setup, tallies } = generateKecamatan({ tps: TPS, seed: 1 });
  const at = '2024-02-18T03:00:00.000Z';
  const rows = tallies
    .filter((t) => t.contest === 'DPR')
    .map((tally) => ({ key: tallyKey(tally), tps: tally.tps, desa: desaOfTps(tally.tps), contest: tally.contest, status: tally.status, tally, revision: 1, updatedAt: at, updatedBy: OPERATOR, secondEntry: null }));
  const json = JSON.stringify({
    format: 'rekap.backup/v1',
    exportedAt: at,
    setup: { setup, hash: null, savedAt: at },
    tallies: rows,
    revisions: [],
    settings: [
      { key: 'operatorName', value: OPERATOR },
      { key: 'panel', value: 'panel-1' },
    ],
    outbox: [],
  });
  const largest = [...setup.desa].sort((a, b) => b.tps.length - a.tps.length)[0]!;
  return { json, desa: setup.desa.length, largest: { code: largest.code, tps: largest.tps.length } };
}

/**
 * Runs in the page (a string, so nothing the bundler adds to functions leaks in): sets the hash, or
 * clicks a button, then waits for `selector` to be in the DOM with text matching `text`, and for
 * the next animation frame. Returns [ms to DOM, ms to frame] from just before the action.
 */
const MEASURE = `async ({ hash, click, selector, text }) => {
  const done = () => { const el = document.querySelector(selector); return !!el && new RegExp(text).test(el.textContent || ''); };
  const t0 = performance.now();
  if (hash) location.hash = hash; else document.querySelector(click).click();
  const dom = await new Promise((resolve, reject) => {
    if (done()) return resolve(performance.now() - t0);
    const timer = setTimeout(() => reject(new Error('timeout waiting for ' + selector)), 60000);
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect(); clearTimeout(timer); resolve(performance.now() - t0);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await new Promise((r) => requestAnimationFrame(() => r()));
  return [dom, performance.now() - t0];
}`;

interface Step {
  hash?: string;
  click?: string;
  selector: string;
  text: string;
}

async function measure(page: Page, step: Step): Promise<[number, number]> {
  return page.evaluate(`(${MEASURE})(${JSON.stringify(step)})`) as Promise<[number, number]>;
}

/** Somewhere light to start each run from. */
async function leave(page: Page): Promise<void> {
  await page.evaluate(`location.hash = '#/pengaturan'`);
  await page.getByRole('heading', { name: 'Pengaturan dan tentang' }).waitFor();
}

const TOTAL_VALID = 'table[data-testid="dhasil-table"] tr[data-path="valid"] td.dhasil-last';

registerBenchmark({
  name: 'dhasil-render',
  description:
    `D.Hasil of the DPR contest (18 parties × 8 candidates, 205 rows) of a generated ${TPS.toLocaleString('en')}-TPS kecamatan stored in IndexedDB, ` +
    `in headless Chromium against the production build: from the hash change (or click) to the totals in the DOM, and to the next animation frame; ` +
    `includes reading the contest's tallies from IndexedDB, computeTotals, building the table and React render/commit. ${RUNS} runs each after one warm-up.`,
  run: async () => {
    const data = backupFile();
    const build = await buildApp();
    const served = await serveStatic(build.dir);
    const browser = await launchChromium();
    const dir = mkdtempSync(join(tmpdir(), 'rekap-bench-dhasil-'));
    const backupPath = join(dir, 'backup.json');
    writeFileSync(backupPath, data.json);
    const rows: Record<string, string | number>[] = [];
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(`${served.url}/`);
      await page.getByLabel('Berkas cadangan (.json)').setInputFiles(backupPath);
      await page.getByRole('heading', { name: 'Pekerjaan rekapitulasi' }).waitFor({ timeout: 600_000 });
      const cases: { name: string; before: () => Promise<void>; step: Step }[] = [
        {
          name: `kecamatan page: ${data.desa} desa columns (12 per page) + total`,
          before: () => leave(page),
          step: { hash: '#/dhasil/DPR', selector: TOTAL_VALID, text: '\\d' },
        },
        {
          name: `desa page, largest desa: ${data.largest.tps} TPS (10 per page) + total`,
          before: () => leave(page),
          step: { hash: `#/dhasil/DPR/${data.largest.code}`, selector: TOTAL_VALID, text: '\\d' },
        },
        {
          name: 'desa page: next 10 TPS columns (click)',
          before: async () => {
            await leave(page); // back on page 1 of the columns
            await page.evaluate(`location.hash = '#/dhasil/DPR/${data.largest.code}'`);
            await page.locator(TOTAL_VALID).waitFor();
          },
          step: { click: '.dhasil-pager button:last-of-type', selector: '.dhasil-pager [role="status"]', text: '^\\D*11' },
        },
        {
          name: `print view, kecamatan: every column, signatures`,
          before: () => leave(page),
          step: { hash: '#/cetak/DPR', selector: '[data-testid="signatures"]', text: 'PPK' },
        },
      ];
      for (const c of cases) {
        await c.before();
        await measure(page, c.step); // warm-up
        const samples: [number, number][] = [];
        for (let i = 0; i < RUNS; i += 1) {
          await c.before();
          samples.push(await measure(page, c.step));
        }
        const dom = summarise(samples.map((s) => s[0]));
        const frame = summarise(samples.map((s) => s[1]));
        rows.push({ case: c.name, runs: dom.runs, 'DOM median ms': ms(dom.medianMs), 'DOM p95 ms': ms(dom.p95Ms), 'frame median ms': ms(frame.medianMs), 'frame p95 ms': ms(frame.p95Ms), 'frame max ms': ms(frame.maxMs) });
      }
    } finally {
      await browser.close();
      await served.close();
      build.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
});
