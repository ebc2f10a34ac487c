#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that `npx rekap` works straight after `npm install`,
// without a separate compile step that could drift from the sources.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const here = dirname(fileURLToPath(import.meta.url));
const { main } = await import(join(here, '..', 'src', 'cli', 'main.ts'));
process.exitCode = await main(process.argv.slice(2));
