export * from './session-store.port';
export * from './sqlite/sqlite-session-store';
