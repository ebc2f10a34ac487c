// Public API of the client sync engine (no React, no Node-only code: the SQLite store is in ./node/).
// It includes the browser's Dexie store: Node code imports the modules it needs by path instead.
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
export * from './base.ts';
export * from './localWrite.ts';
export * from './enrol.ts';
export * from './engine.ts';
export * from './dexieStore.ts';
export * from './auditSealer.ts';
export * from './select.ts';
export * from './pushAudit.ts';
export * from './auditHistory.ts';
export * from './conflictReason.ts';
export * from './deviceKey.ts';
export * from './signRequest.ts';
export { uploadPhotoBlobs, downloadPhotoBlobs } from './photoBlobs.ts';
export { httpBlobTransport, type BlobClientOptions, type BlobFailure, type BlobRound, type BlobTransport } from './blobTransport.ts';
