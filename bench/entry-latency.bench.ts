import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { consistentFigures, contestOf, demoSetup, firstTps, partiesOf } from '../tests/e2e/fixtures.ts';
import { fillCells, serveStatic, startDemo, withApp } from './browser.ts';
import { ms, summarise } from './measure.ts';
import { registerBenchmark } from './registry.ts';

/** Measured keystrokes per case (half make the finding appear, half make it go). */
const SAMPLES = 2 * Math.ceil(Number(process.env.BENCH_KEYSTROKES ?? 200) / 2);
const WARMUP = 20;
/** A fast clerk types 5–8 keys a second: the next key comes while the last one is being saved. */
const GAP_MS = 120;
/** With a second build to compare: keystrokes per turn; the builds take turns so both see the same load. */
const TURN = 20;
/**
 * BENCH_ENTRY_BEFORE=<folder>: a production build of another commit (e.g. `npx vite build --outDir
 * <folder>` in a git worktree), measured in the same run, in turns with this tree's build.
 */
const BEFORE_DIST = process.env.BENCH_ENTRY_BEFORE;

/**
 * Instrumentation inside the page (a string, so that nothing the bundler adds to functions leaks
 * into the page). A capture-phase keydown listener takes the key event's own timestamp; a
 * MutationObserver on the document sees each committed DOM change and, once the expected check and
 * running sum are on screen, records the latency, then the time of the next animation frame (the
 * frame that paints it; in headless Chromium that includes waiting for the next 60 Hz tick).
 */
const INSTRUMENT = `(() => {
  const state = { armed: null, samples: [], failures: 0 };
  const holds = (c) => {
    const summary = document.querySelector('[data-testid="findings-summary"]');
    const has = !!summary && !!summary.querySelector('[data-code="' + c.code + '"]');
    if (has !== c.present) return false;
    const sum = document.querySelector('[data-testid="' + c.sumTestId + '"]');
    if (!sum) return false;
    if (c.sumClass && !sum.classList.contains(c.sumClass)) return false;
    if (c.sumValue !== undefined && sum.getAttribute('data-sum') !== String(c.sumValue)) return false;
    return true;
  };
  document.addEventListener('keydown', (e) => {
    const a = state.armed;
    if (a && a.t0 === null) { a.t0 = e.timeStamp; a.handler = performance.now(); }
  }, true);
  new MutationObserver(() => {
    const a = state.armed;
    if (!a || a.t0 === null || a.dom !== null || !holds(a.cond)) return;
    a.dom = performance.now() - a.t0;
    requestAnimationFrame(() => {
      state.samples.push({ dom: a.dom, frame: performance.now() - a.t0, queue: a.handler - a.t0 });
      state.armed = null;
      a.resolve(true);
    });
  }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  state.arm = (cond) => {
    let resolve;
    const done = new Promise((r) => { resolve = r; });
    state.armed = { cond, t0: null, dom: null, handler: 0, resolve };
    state.done = () => Promise.race([done, new Promise((r) => setTimeout(() => r(false), 3000))]).then((ok) => {
      if (!ok) { state.failures += 1; state.armed = null; }
      return ok;
    });
  };
  window.__latency = state;
})()`;

interface Condition {
  code: string;
  present: boolean;
  sumTestId: string;
  sumClass?: string;
  sumValue?: number;
}

interface Step {
  /** Unmeasured keys pressed first (e.g. select the cell's digits). */
  before: string[];
  key: string;
  expect: Condition;
}

interface Case {
  name: string;
  path: string;
  /** Keys after focusing the cell, before the first step. */
  setup: string[];
  steps: [Step, Step];
}

interface Sample {
  dom: number;
  frame: number;
  queue: number;
}

/** Keystrokes of one case on one page, from the cell's focus on; the first `warmup` are not kept. */
async function measureCase(page: Page, c: Case, count: number, warmup: number): Promise<Sample[]> {
  await page.evaluate('window.__latency.samples = []; window.__latency.failures = 0');
  await page.locator(`input[data-path="${c.path}"]`).focus();
  for (const key of c.setup) await page.keyboard.press(key);
  for (let i = 0; i < warmup + count; i += 1) {
    const step = c.steps[i % 2]!;
    for (const key of step.before) await page.keyboard.press(key);
    if (i === warmup) await page.evaluate('window.__latency.samples = []; window.__latency.failures = 0');
    await page.evaluate(`window.__latency.arm(${JSON.stringify(step.expect)})`);
    await page.keyboard.press(step.key);
    const ok = await page.evaluate('window.__latency.done()');
    if (!ok) throw new Error(`${c.name}: the expected update (${JSON.stringify(step.expect)}) did not appear after "${step.key}"`);
    await page.waitForTimeout(GAP_MS);
  }
  // No caret blinking (a repaint every half second) while the other build takes its turn.
  await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
  return page.evaluate('window.__latency.samples');
}

interface Build {
  label: string;
  page: Page;
}

/** The Puger demo through the first-run screens, the DPR form of the first TPS filled with consistent figures. */
async function openFilledForm(browser: Browser, base: string): Promise<Page> {
  const setup = demoSetup();
  const dpr = contestOf(setup, 'DPR');
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await startDemo(page, base);
  await page.goto(`${base}/#/tps/${firstTps(setup)}/DPR`);
  await page.getByTestId('entry-form').waitFor();
  await fillCells(page, consistentFigures(dpr));
  await page.locator('[data-testid="findings-summary"][data-errors="0"][data-warnings="0"]').waitFor();
  await page.evaluate(INSTRUMENT);
  return page;
}

function entryCases(): Case[] {
  const setup = demoSetup();
  const dpr = contestOf(setup, 'DPR');
  const figures = consistentFigures(dpr);
  const valid = figures.get('valid')!;
  const lastParty = partiesOf(dpr).at(-1)!;
  const candidatePath = `votes.${lastParty.number}.candidates.${lastParty.candidates[0]!.number}`;
  const candidate = figures.get(candidatePath as never)!;
  const partyTotal = figures.get(`votes.${lastParty.number}.total` as never)!;
  const other = candidate === 9 ? 8 : candidate + 1;
  return [
    {
      name: `V.A valid votes (${valid} ⇄ ${Math.floor(valid / 10)}): E08 + E06, Σ party totals`,
      path: 'valid',
      setup: ['End'],
      steps: [
        { before: [], key: 'Backspace', expect: { code: 'E08', present: true, sumTestId: 'sum-valid', sumClass: 'entry-sum--differ' } },
        { before: [], key: String(valid % 10), expect: { code: 'E08', present: false, sumTestId: 'sum-valid', sumClass: 'entry-sum--match' } },
      ],
    },
    {
      name: `Last party (${lastParty.number}), calon ${lastParty.candidates[0]!.number} (${candidate} ⇄ ${other}): E09, party running sum`,
      path: candidatePath,
      setup: [],
      steps: [
        { before: ['ControlOrMeta+a'], key: String(other), expect: { code: 'E09', present: true, sumTestId: `sum-party-${lastParty.number}`, sumValue: partyTotal - candidate + other } },
        { before: ['ControlOrMeta+a'], key: String(candidate), expect: { code: 'E09', present: false, sumTestId: `sum-party-${lastParty.number}`, sumValue: partyTotal } },
      ],
    },
  ];
}

/** One case on every build: a warm-up each, then turns of TURN keystrokes, the first build alternating. */
async function measureInTurns(builds: readonly Build[], c: Case): Promise<Sample[][]> {
  const samples: Sample[][] = builds.map(() => []);
  for (const b of builds) await measureCase(b.page, c, 0, WARMUP);
  const turn = builds.length > 1 ? TURN : SAMPLES;
  for (let round = 0; samples[0]!.length < SAMPLES; round += 1) {
    const order = builds.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) samples[i]!.push(...(await measureCase(builds[i]!.page, c, Math.min(turn, SAMPLES - samples[i]!.length), 0)));
  }
  return samples;
}

registerBenchmark({
  name: 'entry-latency',
  description:
    `Keystroke → updated check and running sum on screen, DPR C.Hasil form of a Puger demo TPS (all cells filled, ` +
    `production build, headless Chromium); ${SAMPLES} keystrokes per case after ${WARMUP} warm-up, ${GAP_MS} ms apart` +
    (BEFORE_DIST ? `; the build in ${BEFORE_DIST} measured in the same run, the two taking turns of ${TURN} keystrokes` : ''),
  run: () =>
    withApp(async (base, browser) => {
      const before = BEFORE_DIST ? await serveStatic(checkedDist(BEFORE_DIST)) : null;
      try {
        const builds: Build[] = [];
        if (before) builds.push({ label: `before (${basename(resolve(BEFORE_DIST!))})`, page: await openFilledForm(browser, before.url) });
        builds.push({ label: before ? 'after (this tree)' : 'this tree', page: await openFilledForm(browser, base) });
        const rows = [];
        for (const c of entryCases()) {
          const perBuild = await measureInTurns(builds, c);
          for (const [i, b] of builds.entries()) {
            const samples = perBuild[i]!;
            const dom = summarise(samples.map((s) => s.dom));
            const frame = summarise(samples.map((s) => s.frame));
            const queue = summarise(samples.map((s) => s.queue));
            rows.push({
              case: c.name,
              ...(builds.length > 1 ? { build: b.label } : {}),
              keystrokes: dom.runs,
              'p50 ms': ms(dom.medianMs),
              'p95 ms': ms(dom.p95Ms),
              'max ms': ms(dom.maxMs),
              'next frame p50 ms': ms(frame.medianMs),
              'next frame p95 ms': ms(frame.p95Ms),
              'input queue p95 ms': ms(queue.p95Ms),
            });
          }
        }
        for (const b of builds) await b.page.close();
        return rows;
      } finally {
        await before?.close();
      }
    }),
});

function checkedDist(dir: string): string {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`BENCH_ENTRY_BEFORE=${dir} holds no index.html`);
  return dir;
}
