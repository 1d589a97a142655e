export * from './case-key-store.port';
export * from './sealing/aes-gcm';
export * from './master-key/master-key';
export * from './master-key/wrong-master-key.error';
export * from './sqlite/sqlite-case-key-store';
