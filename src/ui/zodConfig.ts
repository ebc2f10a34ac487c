import { z } from 'zod';

/**
 * zod compiles fast object parsers with `new Function` when it may. The PWA's Content Security
 * Policy forbids eval, so zod's probe for it only produced a CSP violation report on every start;
 * jitless mode skips the probe (and the compiler) and parses the same.
 */
z.config({ jitless: true });
