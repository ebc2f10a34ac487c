export * from './actor.ts';
export * from './refusal.ts';
export * from './table.ts';
export * from './tally.ts';
export * from './objection.ts';
export * from './finalisation.ts';
export * from './recordLabel.ts';
export * from './refusalText.ts';
