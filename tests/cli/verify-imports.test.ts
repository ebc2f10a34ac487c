import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every module specifier a file loads at run time (type-only imports and exports are erased). */
function runtimeSpecifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) out.push(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The source files (relative to the repo) and packages reachable from `entry` at run time. */
function reachable(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const walk = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of runtimeSpecifiers(file)) {
      if (specifier.startsWith('.')) walk(resolve(dirname(file), specifier));
      else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  };
  walk(resolve(root, entry));
  return { files: [...files].map((f) => relative(root, f)).sort(), packages: [...packages].sort() };
}

/**
 * `rekap verify` runs where a witness or a KPU clerk has only Node: it loads the domain and the CLI's
 * own helpers, never the browser's database, screens or sync (Dexie, React), nor src/ui/zodConfig.ts,
 * which turns zod's JIT off for the browser's CSP and would slow every parse here.
 */
describe('what `rekap verify` loads', () => {
  const { files, packages } = reachable('src/cli/commands/verify.ts');

  it('stays within src/domain and src/cli', () => {
    expect(files.filter((f) => !f.startsWith('src/domain/') && !f.startsWith('src/cli/'))).toEqual([]);
    expect(files).not.toContain('src/ui/zodConfig.ts');
  });

  it('needs no package but zod and canonicalize (and Node itself)', () => {
    expect(packages.filter((p) => !p.startsWith('node:'))).toEqual(['canonicalize', 'zod']);
  });

  it('does not load the summary barrel, and with it the building and signing code', () => {
    expect(files).not.toContain('src/domain/summary/index.ts');
    expect(files).not.toContain('src/domain/summary/build.ts');
  });
});
