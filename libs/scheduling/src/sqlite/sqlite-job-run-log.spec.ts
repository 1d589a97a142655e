import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aRun, jobRunLogContract } from '../testing/job-run-log.contract';
import { SqliteJobRunLog } from './sqlite-job-run-log';

const aFile = () => join(mkdtempSync(join(tmpdir(), 'clf-job-runs-')), 'job-runs.db');

describe('SqliteJobRunLog (contract)', () => {
  jobRunLogContract(async () => new SqliteJobRunLog(aFile()));
});

describe('SqliteJobRunLog', () => {
  it('keeps the runs across a restart', async () => {
    const file = aFile();
    const before = new SqliteJobRunLog(file);
    await before.record(aRun('sla-sweep', 1));
    await before.close();
    const after = new SqliteJobRunLog(file);
    expect(await after.latest('sla-sweep', 5)).toEqual([aRun('sla-sweep', 1)]);
    await after.close();
  });
});
