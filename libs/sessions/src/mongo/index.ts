export * from './mongo-session-store';
export * from './mongo-account-store';
