export * from './context.ts';
export * from './errors.ts';
export * from './ids.ts';
export * from './pagination.ts';
export * from './references.ts';
export * from './text.ts';
