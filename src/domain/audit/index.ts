export * from './schema.ts';
export * from './chain.ts';
export * from './verify.ts';
