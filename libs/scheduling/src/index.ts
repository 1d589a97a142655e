export * from './job-lease.port';
export * from './job-run-log.port';
export * from './in-process/in-process-job-leases';
export * from './sqlite/sqlite-job-run-log';
export * from './chain-audit-results.port';
export * from './sqlite/sqlite-chain-audit-results';
export * from './subscription-checkpoints.port';
export * from './sqlite/sqlite-subscription-checkpoints';
