export * from './position';
export * from './event-envelope';
export * from './event-store.errors';
export * from './event-store.port';
export * from './hash-chain';
export * from './sqlite/open-sqlite';
export * from './sqlite/sqlite-event-store';
