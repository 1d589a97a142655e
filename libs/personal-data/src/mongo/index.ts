export * from './mongo-case-key-store';
