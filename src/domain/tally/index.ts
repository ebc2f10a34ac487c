export * from './contest.ts';
export * from './tally.ts';
export * from './fields.ts';
