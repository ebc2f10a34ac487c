export * from './rule.ts';
export * from './labels.ts';
