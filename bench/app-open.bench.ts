import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { generateKecamatan } from '../src/domain/synthetic/generate.ts';
import { desaOfTps } from '../src/domain/codes/codes.ts';
import { tallyKey } from '../src/domain/tally/tally.ts';
import { buildApp, CHROMIUM_ARGS, CHROMIUM_PATH, serveStatic, type Served } from './browser.ts';
import { ms, summarise } from './measure.ts';
import { registerBenchmark } from './registry.ts';

/** The largest kecamatan of Pemilu 2024 (Cakung). */
const TPS = 1591;
const RUNS = Number(process.env.BENCH_OPEN_RUNS ?? 10);
const OPERATOR = 'Siti Aminah';

/**
 * A rekap.backup/v1 file holding the generated kecamatan: the setup, one verified tally per
 * TPS × contest (all 7,955 stored, each with its summary — the heaviest list there can be) and the
 * settings of a clerk of Panel 1, so the app opens on the work list.
 */
function backupFile(): { json: string; desaCount: number; largestDesa: { code: string; tps: number }; home: { desa: number; forms: number }; rows: number } {
  const { setup, tallies } = generateKecamatan({ tps: TPS, seed: 1 });
  const at = '2024-02-18T03:00:00.000Z';
  const rows = tallies.map((tally) => ({
    key: tallyKey(tally),
    tps: tally.tps,
    desa: desaOfTps(tally.tps),
    contest: tally.contest,
    status: tally.status,
    tally,
    revision: 1,
    updatedAt: at,
    updatedBy: OPERATOR,
    secondEntry: null,
  }));
  const file = {
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
  };
  const largest = [...setup.desa].sort((a, b) => b.tps.length - a.tps.length)[0]!;
  // The clerk's home on day 1: Panel 1's desa of that day.
  const today = setup.schedule.days[0]!.assignments.find((a) => a.panel === 'panel-1')!.desa;
  const homeForms = setup.desa.filter((d) => today.includes(d.code)).reduce((n, d) => n + d.tps.length * setup.contests.length, 0);
  return {
    json: JSON.stringify(file),
    desaCount: setup.desa.length,
    largestDesa: { code: largest.code, tps: largest.tps.length },
    home: { desa: today.length, forms: homeForms },
    rows: rows.length,
  };
}

/**
 * In every page, from navigation start: when the screen's list with its status counts/chips is in
 * the DOM (the target's selector matched `count` times), and the next animation frame after that.
 * The target is picked by the URL's hash.
 */
const openProbe = (targets: readonly Target[]) => `(() => {
  const targets = ${JSON.stringify(targets)};
  const want = targets.find((t) => t.hash === (location.hash || '#/'));
  if (!want) return;
  const result = { dom: null, frame: null };
  window.__open = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (result.dom !== null || document.querySelectorAll(want.selector).length < want.count) return;
      result.dom = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => { result.frame = performance.now(); resolve(result); });
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  });
})()`;

interface Target {
  name: string;
  hash: string;
  selector: string;
  count: number;
}

async function openOnce(context: BrowserContext, base: string, target: Target): Promise<{ dom: number; frame: number }> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('about:blank');
  await page.goto(`${base}/${target.hash}`, { waitUntil: 'commit' });
  const result = (await page.evaluate('window.__open')) as { dom: number; frame: number } | undefined;
  if (!result) throw new Error(`no open probe on ${target.hash}`);
  return result;
}

/** A production build to measure, labelled in the results when several are compared. */
interface Variant {
  label: string;
  dir: string;
  dispose: () => void;
}

/**
 * The build of this tree, or — with BENCH_OPEN_BUILDS="before=<dist>,after=<dist>" — several
 * builds side by side in one run: each gets its own profile and restore, and their runs alternate
 * (one of each in turn), so that a busy moment of the machine falls on both alike.
 */
async function variants(): Promise<Variant[]> {
  const spec = process.env.BENCH_OPEN_BUILDS;
  if (!spec) {
    const build = await buildApp();
    return [{ label: '', dir: build.dir, dispose: build.dispose }];
  }
  return spec.split(',').map((part) => {
    const [label = '', dir = ''] = part.split('=');
    if (!label || !existsSync(join(dir, 'index.html'))) throw new Error(`BENCH_OPEN_BUILDS: "${part}" is not label=<folder with index.html>`);
    return { label, dir: resolve(dir), dispose: () => undefined };
  });
}

interface Prepared {
  variant: Variant;
  served: Served;
  profile: string;
  restoreMs: number;
  context: BrowserContext;
}

registerBenchmark({
  name: 'app-open',
  description:
    `Navigation start → list with status counts/chips rendered, with a generated ${TPS.toLocaleString('en')}-TPS × 5-contest ` +
    `kecamatan stored in IndexedDB (production build, service worker active, headless Chromium); ${RUNS} runs each`,
  run: async () => {
    const data = backupFile();
    const builds = await variants();
    const backupDir = mkdtempSync(join(tmpdir(), 'rekap-bench-backup-'));
    const backupPath = join(backupDir, 'backup.json');
    writeFileSync(backupPath, data.json);
    const launch = (profile: string) =>
      chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1366, height: 768 } });
    const prepared: Prepared[] = [];
    const rows = [];
    try {
      for (const variant of builds) {
        // Load the kecamatan through the app's own restore (validated like any backup file).
        const served = await serveStatic(variant.dir);
        const profile = mkdtempSync(join(tmpdir(), 'rekap-bench-profile-'));
        const context = await launch(profile);
        prepared.push({ variant, served, profile, restoreMs: 0, context });
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(`${served.url}/`);
        const restoreStart = Date.now();
        await page.getByLabel('Berkas cadangan (.json)').setInputFiles(backupPath);
        await page.locator('.desa-list [data-testid="desa-counts"]').first().waitFor({ timeout: 600_000 });
        prepared.at(-1)!.restoreMs = Date.now() - restoreStart;
        await page.evaluate('navigator.serviceWorker.ready');
      }

      const targets: Target[] = [
        { name: `home: Panel 1’s ${data.home.desa} desa of day 1 (${data.home.forms.toLocaleString('en')} forms) with counts`, hash: '#/', selector: '.desa-list [data-testid="desa-counts"]', count: 1 },
        {
          name: `desa screen: ${data.largestDesa.tps} TPS × 5 status chips`,
          hash: `#/desa/${data.largestDesa.code}`,
          selector: '.tps-grid tbody [data-status]',
          count: data.largestDesa.tps * 5,
        },
        // The chair's whole-kecamatan list (the tabs "Semua hari" and "Semua panel"): every desa
        // with its panel and counts, from the stored summaries of all forms. The device's own panel
        // plays no part on this route, so the clerk's profile shows the chair's screen.
        {
          name: `chair's list, all days, all panels: ${data.desaCount} desa (the summaries of all ${data.rows.toLocaleString('en')} forms)`,
          hash: '#/hari/semua/semua',
          selector: '.desa-list [data-testid="desa-counts"]',
          count: data.desaCount,
        },
        {
          name: `progress: ${data.desaCount} desa × 5 contests counts`,
          hash: '#/progres',
          selector: '[data-testid="progress-matrix"] tbody tr[data-desa]',
          count: data.desaCount,
        },
      ];
      const probe = openProbe(targets);
      for (const p of prepared) await p.context.addInitScript(probe);
      const label = (p: Prepared, name: string) => (p.variant.label ? `${p.variant.label} — ${name}` : name);
      for (const target of targets) {
        const warm = new Map<Prepared, { dom: number; frame: number }[]>(prepared.map((p) => [p, []]));
        const cold = new Map<Prepared, { dom: number; frame: number }[]>(prepared.map((p) => [p, []]));
        for (const p of prepared) await openOnce(p.context, p.served.url, target); // the first load after a restore is not typical
        for (let i = 0; i < RUNS; i += 1) for (const p of prepared) warm.get(p)!.push(await openOnce(p.context, p.served.url, target));
        // Cold: a new browser process each time, the data read from disk.
        for (let i = 0; i < RUNS; i += 1) {
          for (const p of prepared) {
            await p.context.close();
            p.context = await launch(p.profile);
            await p.context.addInitScript(probe);
            cold.get(p)!.push(await openOnce(p.context, p.served.url, target));
          }
        }
        for (const p of prepared) {
          for (const [kind, samples] of [['reload', warm.get(p)!], ['new browser', cold.get(p)!]] as const) {
            const dom = summarise(samples.map((s) => s.dom));
            const frame = summarise(samples.map((s) => s.frame));
            rows.push({
              case: label(p, `${target.name} (${kind})`),
              runs: dom.runs,
              'p50 ms': ms(dom.medianMs),
              'p95 ms': ms(dom.p95Ms),
              'max ms': ms(dom.maxMs),
              'next frame p50 ms': ms(frame.medianMs),
              'next frame p95 ms': ms(frame.p95Ms),
            });
          }
        }
      }
      for (const p of prepared) {
        const what = `restore of the backup (${data.rows.toLocaleString('en')} tallies, ${(data.json.length / 2 ** 20).toFixed(1)} MiB) until the list shows`;
        rows.push({ case: label(p, what), runs: 1, 'p50 ms': p.restoreMs, 'p95 ms': p.restoreMs, 'max ms': p.restoreMs, 'next frame p50 ms': '', 'next frame p95 ms': '' });
      }
    } finally {
      for (const p of prepared) {
        await p.context.close().catch(() => undefined);
        await p.served.close();
        rmSync(p.profile, { recursive: true, force: true });
      }
      for (const variant of builds) variant.dispose();
      rmSync(backupDir, { recursive: true, force: true });
    }
    return rows;
  },
});
