// Public API of the client sync engine (no React, no Node-only code: the file store is in ./node/).
export * from './store.ts';
export * from './transport.ts';
export * from './http.ts';
export * from './events.ts';
export * from './backoff.ts';
export * from './lock.ts';
export * from './records.ts';
export * from './push.ts';
export * from './pull.ts';
export * from './conflicts.ts';
export * from './localWrite.ts';
export * from './enrol.ts';
export * from './engine.ts';
export * from './dexieStore.ts';
export * from './auditSealer.ts';
export * from './select.ts';
