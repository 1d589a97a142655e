export * from './job-lease.port';
export * from './in-process/in-process-job-leases';
export * from './mongo/mongo-job-leases';
