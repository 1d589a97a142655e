export * from './mongo-queue-query';
export * from './mongo-read-model-store';
export * from './mongo-read-model-generations';
