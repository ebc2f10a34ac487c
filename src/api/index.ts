export * from './roles.ts';
export * from './ops.ts';
export * from './protocol.ts';
