import type { Logger, Plugin } from 'vite';
import { initialJs, type BundleLike, type InitialJs } from './initialJs.ts';

export interface InitialJsBudget {
  /** The build fails above this many kB (1,000 bytes) of gzipped initial JavaScript. */
  budgetKb: number;
  /** Where the budget is headed (issue 13), printed beside it. */
  targetKb: number;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

/** The lines `vite build` prints: the total against the budget, then each initial file. */
export function formatInitialJs(report: InitialJs, budget: InitialJsBudget): string {
  return [
    `initial JS (what index.html loads before the first screen): ${report.files.length} files, ${kb(report.bytes)}, gzip ${kb(report.gzipBytes)} — budget ${budget.budgetKb} kB, target ${budget.targetKb} kB`,
    ...report.files.map((f) => `  ${f.fileName.padEnd(48)} ${kb(f.bytes).padStart(11)} │ gzip: ${kb(f.gzipBytes).padStart(10)}`),
  ].join('\n');
}

/**
 * Reports the initial JavaScript of a production build and fails the build when it grows over the
 * budget, so that a screen or a library pulled into the first paint by accident is caught by
 * `npm run build` (and so by `npm test`), not months later on a clerk's old laptop.
 */
export function initialJsBudget(budget: InitialJsBudget): Plugin {
  let logger: Logger | null = null;
  return {
    name: 'rekap:initial-js-budget',
    apply: 'build',
    configResolved(config) {
      logger = config.logger;
    },
    // After Vite's own output hooks (they still rewrite the entry's preload lists in generateBundle).
    writeBundle(_options, bundle) {
      const report = initialJs(bundle as unknown as BundleLike);
      if (report.files.length === 0) return;
      logger?.info(formatInitialJs(report, budget));
      if (report.gzipBytes > budget.budgetKb * 1000) {
        this.error(`initial JS is ${kb(report.gzipBytes)} gzipped, over the budget of ${budget.budgetKb} kB: load the new code on first use (src/ui/app/routes.tsx) or raise the budget in vite.config.ts with a reason`);
      }
    },
  };
}
