export * from './job-lease.port';
export * from './in-process/in-process-job-leases';
