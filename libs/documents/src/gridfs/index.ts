export * from './gridfs-document-store';
