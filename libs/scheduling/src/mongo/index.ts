export * from './mongo-job-leases';
export * from './mongo-chain-audit-results';
