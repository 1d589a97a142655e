export * from './job-lease.port';
export * from './in-process/in-process-job-leases';
export * from './chain-audit-results.port';
export * from './sqlite/sqlite-chain-audit-results';
