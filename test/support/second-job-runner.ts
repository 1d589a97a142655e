import { CaseCommandService } from '../../apps/api/src/cases/case-command.service';
import { JobRunner } from '../../apps/api/src/jobs/job-runner.service';
import { PROJECTIONS } from '../../apps/api/src/projections/projections.module';
import { StaffNotifications } from '../../apps/api/src/staff-notifications/staff-notifications.service';
import { CLOCK, STORAGE, type Storage } from '../../apps/api/src/storage/storage';
import type { TestApp } from './test-app';

/** A second runner over the same stores (as on a second replica), with leases of its own or shared. */
export function secondJobRunner(api: TestApp, leases: Storage['leases']): JobRunner {
  const storage = api.app.get<Storage>(STORAGE);
  return new JobRunner(
    { ...storage, leases },
    api.app.get(CLOCK),
    api.app.get(PROJECTIONS),
    api.app.get(CaseCommandService),
    api.app.get(StaffNotifications),
  );
}
