export * from './schema.ts';
export * from './validate.ts';
export * from './lookup.ts';
