export * from './ballot.ts';
export * from './failures.ts';
export * from './admit.ts';
export * from './replace.ts';
export * from './totals.ts';
