export * from './schema.ts';
export * from './chain.ts';
export * from './verify.ts';
export * from './checkpoint.ts';
export * from './receipt.ts';
export * from './scope.ts';
export * from './actions.ts';
