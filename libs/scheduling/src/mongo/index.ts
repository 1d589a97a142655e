export * from './mongo-job-leases';
export * from './mongo-job-run-log';
export * from './mongo-chain-audit-results';
export * from './mongo-subscription-checkpoints';
export * from './mongo-staff-notification-log';
