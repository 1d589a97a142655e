export * from './mongo-job-leases';
export * from './mongo-job-run-log';
