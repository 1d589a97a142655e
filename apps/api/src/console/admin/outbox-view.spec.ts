import { queuedEmail } from '../../correspondence/testing/outbox-fixtures';
import { outboxView } from './outbox-view';

describe('the outbox page’s view', () => {
  it('counts in words and names each e-mail by its case reference and letter id', () => {
    const view = outboxView(
      {
        waiting: [queuedEmail('l-1', 'c-1')],
        failed: [queuedEmail('l-2', 'c-2', '2026-12-01T10:00:00Z')],
      },
      new Map([['c-1', 'DMM-2026-0001']]),
      false,
    );
    expect(view.counts).toEqual({ waiting: '1 e-mail', failed: '1 e-mail' });
    expect(view.waiting).toEqual([
      {
        letterId: 'l-1',
        reference: 'DMM-2026-0001',
        queuedAt: '2026-12-01T09:00:00Z',
        failedAt: null,
        attempts: null,
      },
    ]);
    expect(view.failed[0]).toMatchObject({ letterId: 'l-2', reference: null, attempts: 5 });
    expect(view.sending).toBe(false);
  });
});
