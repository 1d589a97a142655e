export * from './document-store.port';
export * from './media-type';
export * from './file/file-document-store';
export * from './staging/upload-staging';
