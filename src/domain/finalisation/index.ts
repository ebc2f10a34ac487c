export * from './rule.ts';
export * from './labels.ts';
export * from './record.ts';
