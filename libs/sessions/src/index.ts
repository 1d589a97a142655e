export * from './session-store.port';
export * from './account-store.port';
export * from './sqlite/sqlite-session-store';
export * from './sqlite/sqlite-account-store';
