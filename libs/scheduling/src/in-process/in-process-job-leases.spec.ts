import { jobLeasesContract } from '../testing/job-leases.contract';
import { InProcessJobLeases } from './in-process-job-leases';

describe('InProcessJobLeases (contract)', () => {
  jobLeasesContract(async (clock) => new InProcessJobLeases(clock));
});
