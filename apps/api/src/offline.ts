/**
 * What the server offers the operations command line without loading the application
 * (`#api/offline`): its configuration, its files and its tokens. The token, backup and
 * restore commands import only this, so they start in a fraction of a second.
 */
export { loadConfig, type AppConfig } from './config/app-config';
export { ConfigError } from './config/config.error';
export { DURATION_FORMAT, durationSeconds, formatDuration } from './config/duration';
export { keepNewFilesPrivate, makePrivate } from './file-permissions/private-files';
export { DATA_DIR_ENTRIES } from './storage/data-dir-entries';
export { issueToken } from './auth/issue-token';
export { hs256Secret } from './auth/jwt-secret';
