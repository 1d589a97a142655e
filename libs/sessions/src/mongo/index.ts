export * from './mongo-session-store';
