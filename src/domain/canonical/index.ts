export { canonicalJson } from './json.ts';
export { sha256Hex, hashGroups } from './hash.ts';
