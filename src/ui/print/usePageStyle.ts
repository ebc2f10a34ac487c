import { useEffect } from 'react';

/**
 * Puts the printout's @page rule (src/ui/print/pageStyle.ts) into the document while the print
 * screen is open. Through the CSSOM — a constructable stylesheet adopted by the document — and not
 * an inline <style> element: `rekap server start` sends `style-src 'self'`, which blocks inline
 * style elements but not the CSSOM, so the paper size, the sheet header and "Halaman x dari y"
 * survive the real CSP. Where adoptedStyleSheets is missing (jsdom in the component tests; every
 * browser Rekap supports has it) a <style> element in <head> stands in.
 */
export function usePageStyle(css: string): void {
  useEffect(() => {
    if ('adoptedStyleSheets' in document && typeof CSSStyleSheet === 'function') {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      return () => {
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
      };
    }
    const el = document.createElement('style');
    el.dataset.pageStyle = '';
    el.textContent = css;
    document.head.append(el);
    return () => el.remove();
  }, [css]);
}
