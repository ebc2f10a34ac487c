import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINALISATION_TRANSITIONS, OBJECTION_TRANSITIONS, TALLY_TRANSITIONS, type Transition } from '../../../src/domain/workflow/index.ts';

const DOC = readFileSync(new URL('../../../docs/domain.md', import.meta.url), 'utf8');

/** The arrows of the Mermaid state diagram under a heading, as "from -action(roles)-> to". */
function arrows(heading: string): string[] {
  const at = DOC.indexOf(heading);
  if (at < 0) throw new Error(`docs/domain.md has no heading ${heading}`);
  const block = /```mermaid\n([\s\S]*?)```/.exec(DOC.slice(at))![1]!;
  return block
    .split('\n')
    .map((l) => /^\s*(\w+) --> (\w+): ([\w-]+) \(([^)]*)\)/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, from, to, action, roles]) => `${from} -${action}(${roles!.split(/,\s*/).sort().join(',')})-> ${to}`)
    .sort();
}

const rows = (table: readonly Transition<string, string>[]) => table.map((t) => `${t.from} -${t.action}(${[...t.roles].sort().join(',')})-> ${t.to}`).sort();

describe('docs/domain.md draws exactly the workflow tables', () => {
  it.each([
    ['### A form (tally × contest)', TALLY_TRANSITIONS],
    ['### An objection or special event', OBJECTION_TRANSITIONS],
    ['### A finalisation (desa × contest, kecamatan × contest)', FINALISATION_TRANSITIONS],
  ] as const)('%s', (heading, table) => {
    expect(arrows(heading)).toEqual(rows(table));
  });

  it('says "with a reason" exactly on the transitions that need one', () => {
    const withReason = DOC.split('\n').filter((l) => /-->.*with a reason/.test(l)).length;
    const needed = [...TALLY_TRANSITIONS, ...OBJECTION_TRANSITIONS, ...FINALISATION_TRANSITIONS].filter((t) => t.reason).length;
    expect(withReason).toBe(needed);
  });
});
