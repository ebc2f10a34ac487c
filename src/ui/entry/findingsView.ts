import type { Finding } from '../../domain/checks/types.ts';
import type { FieldPath } from '../../domain/tally/fields.ts';
import { anchorKey, cellKey, FINDINGS_KEY } from './storeKeys.ts';
import type { CellSeverity } from './storeTypes.ts';

/** The row a cell belongs to: findings are shown under the row of the last cell they concern. */
export function rowOf(path: FieldPath): string {
  if (path.startsWith('disabled.')) return 'disabled';
  return path.split('.').slice(0, 2).join('.');
}

/**
 * What the form shows of its findings — the list, each cell's severity, the findings under each
 * row — derived from one run of the checks. A view whose content did not change keeps its
 * identity (the list, a row's array), and `update` names the keys that did change, so that only
 * their cells, rows and panels re-render (src/ui/entry/storeKeys.ts).
 */
export class FindingsView {
  findings: Finding[] = [];
  severities = new Map<FieldPath, CellSeverity>();
  anchors = new Map<string, Finding[]>();
  private findingsSig = '';
  private anchorCache = new Map<string, { sig: string; list: Finding[] }>();

  constructor(
    private readonly severityOf: (finding: Finding) => Exclude<CellSeverity, null>,
    private readonly sortedFields: (finding: Finding) => FieldPath[],
  ) {}

  /** Takes a new run of the checks; returns the keys whose state changed. */
  update(findings: Finding[]): Set<string> {
    const changed = new Set<string>();
    const sigs = new Map<Finding, string>();
    for (const f of findings) sigs.set(f, `${f.code}|${f.fields.join(',')}|${f.message.id}|${f.message.en}|${this.severityOf(f)}`);
    // The same findings as before keep the array's identity: the summary and panels stay as they are.
    const findingsSig = [...sigs.values()].join(';');
    if (findingsSig !== this.findingsSig) {
      this.findingsSig = findingsSig;
      this.findings = findings;
      changed.add(FINDINGS_KEY);
    }
    const prevSeverities = this.severities;
    const severities = new Map<FieldPath, CellSeverity>();
    const grouped = new Map<string, Finding[]>();
    for (const f of findings) {
      const sev = this.severityOf(f);
      for (const p of f.fields) {
        const prev = severities.get(p);
        if (prev === 'error' || (prev === 'warning' && sev === 'accepted')) continue;
        severities.set(p, sev);
      }
      const last = this.sortedFields(f).at(-1);
      const anchor = last === undefined ? 'top' : rowOf(last);
      const list = grouped.get(anchor) ?? [];
      list.push(f);
      grouped.set(anchor, list);
    }
    this.severities = severities;
    for (const [p, sev] of severities) if (prevSeverities.get(p) !== sev) changed.add(cellKey(p));
    for (const p of prevSeverities.keys()) if (!severities.has(p)) changed.add(cellKey(p));
    // Keep array identity when a row's findings did not change, so the row does not re-render.
    const anchors = new Map<string, Finding[]>();
    const cache = new Map<string, { sig: string; list: Finding[] }>();
    for (const [anchor, list] of grouped) {
      const sig = list.map((f) => sigs.get(f)).join(';');
      const old = this.anchorCache.get(anchor);
      const entry = old && old.sig === sig ? old : { sig, list };
      if (entry !== old) changed.add(anchorKey(anchor));
      cache.set(anchor, entry);
      anchors.set(anchor, entry.list);
    }
    for (const anchor of this.anchorCache.keys()) if (!cache.has(anchor)) changed.add(anchorKey(anchor));
    this.anchorCache = cache;
    this.anchors = anchors;
    return changed;
  }
}
