export * from './cells.ts';
export * from './contests.ts';
export * from './statuses.ts';
export * from './inLanguage.ts';
