export * from './case-key-store.port';
