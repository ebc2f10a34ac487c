export * from './format.ts';
export * from './sign.ts';
export * from './chainForms.ts';
export * from './verify.ts';
export * from './texts.ts';
export * from './earlierChains.ts';
export * from './archive.ts';
