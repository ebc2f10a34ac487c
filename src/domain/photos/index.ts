export * from './photo.ts';
export * from './access.ts';
