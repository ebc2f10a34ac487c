/** Paper sizes for the D.Hasil printout, landscape: A4, and F4 (folio, 215 × 330 mm) used widely in Indonesian offices. */
export const PAPERS = { A4: 'A4 landscape', F4: '330mm 215mm' } as const;
export type Paper = keyof typeof PAPERS;
export const isPaper = (v: string): v is Paper => Object.hasOwn(PAPERS, v);

/** A CSS string literal: quotes and backslashes escaped, line breaks as \A. */
export function cssString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\A ')}"`;
}

export interface PageTexts {
  /** Top left: the form and its wilayah, e.g. "D.Hasil Kecamatan PUGER — Kab. JEMBER". */
  topLeft: string;
  /** Top right: the contest. */
  topRight: string;
  /** Bottom left: when and by what it was printed. */
  bottomLeft: string;
  /** Bottom right: "Halaman {page} dari {pages}" split around the counters. */
  pageWord: string;
  ofWord: string;
}

/**
 * The @page rule of the printout: size and margins, and CSS page-margin boxes carrying the header
 * (wilayah and contest) and the page numbers on every sheet. It is rendered only while the print
 * screen is open, so printing any other screen keeps the browser's defaults.
 */
export function pageCss(paper: Paper, texts: PageTexts): string {
  const box = 'font-family: system-ui, sans-serif; font-size: 8pt; color: #333;';
  // Inside @media print: @page applies only to printing anyway, and this keeps DOM emulations
  // (jsdom) that do not know page-margin boxes from tripping over them.
  return `@media print {
@page {
  size: ${PAPERS[paper]};
  margin: 15mm 10mm 13mm 10mm;
  @top-left { content: ${cssString(texts.topLeft)}; ${box} }
  @top-right { content: ${cssString(texts.topRight)}; ${box} }
  @bottom-left { content: ${cssString(texts.bottomLeft)}; ${box} }
  @bottom-right { content: ${cssString(`${texts.pageWord} `)} counter(page) ${cssString(` ${texts.ofWord} `)} counter(pages); ${box} }
}
}`;
}
