export * from './roles.ts';
export * from './records.ts';
export * from './ops.ts';
export * from './protocol.ts';
export * from './audit.ts';
export * from './kabupaten.ts';
export * from './signedRequest.ts';
export * from './blobs.ts';
