export * from './contract';
export * from './runtime';
export * from './schemas';
export * from './spec';
export * from './types';
export * from './csp';
export * from './client';
