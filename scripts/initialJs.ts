import { gzipSync } from 'node:zlib';

/** The part of a Rollup/Rolldown output bundle this reads (so it can be fed a plain object in tests). */
export type BundleLike = Readonly<Record<string, { type: 'asset' } | { type: 'chunk'; fileName: string; isEntry: boolean; imports: readonly string[]; code: string }>>;

export interface InitialFile {
  fileName: string;
  bytes: number;
  gzipBytes: number;
}

export interface InitialJs {
  /** Largest (gzipped) first. */
  files: InitialFile[];
  bytes: number;
  gzipBytes: number;
}

/**
 * The JavaScript a first visit must fetch and run before the app can draw anything: every entry
 * chunk and, transitively, the chunks it imports statically (index.html's module script and its
 * modulepreload links). Chunks behind an `import()` are not counted: they load on first use.
 * Sizes are gzipped at level 9, as a server or the service worker would send them.
 */
export function initialJs(bundle: BundleLike): InitialJs {
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    const chunk = bundle[fileName];
    if (seen.has(fileName) || chunk?.type !== 'chunk') return;
    seen.add(fileName);
    chunk.imports.forEach(visit);
  };
  for (const [fileName, output] of Object.entries(bundle)) if (output.type === 'chunk' && output.isEntry) visit(fileName);
  const files = [...seen].map((fileName): InitialFile => {
    const chunk = bundle[fileName];
    const code = chunk?.type === 'chunk' ? chunk.code : '';
    return { fileName, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
  });
  files.sort((a, b) => b.gzipBytes - a.gzipBytes || a.fileName.localeCompare(b.fileName));
  const sum = (pick: (f: InitialFile) => number) => files.reduce((total, f) => total + pick(f), 0);
  return { files, bytes: sum((f) => f.bytes), gzipBytes: sum((f) => f.gzipBytes) };
}
