import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chainAuditResult,
  chainAuditResultsContract,
} from '../testing/chain-audit-results.contract';
import { SqliteChainAuditResults } from './sqlite-chain-audit-results';

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'clf-audits-')), 'chain-audits.db');

describe('SqliteChainAuditResults (contract)', () => {
  chainAuditResultsContract(async () => new SqliteChainAuditResults(freshFile()));
});

describe('SqliteChainAuditResults', () => {
  it('keeps results across a restart', async () => {
    const filename = freshFile();
    const first = new SqliteChainAuditResults(filename);
    await first.record(chainAuditResult());
    await first.close();
    const reopened = new SqliteChainAuditResults(filename);
    expect(await reopened.latest()).toEqual(chainAuditResult());
    await reopened.close();
  });
});
