export * from './mongo-job-leases';
