import { CaseCommandService } from '../apps/api/src/cases/case-command.service';
import { MailOutbox } from '../apps/api/src/correspondence/mail-outbox.service';
import {
  MAIL_ATTEMPTS,
  MAIL_DISPATCHER,
  MailDispatcher,
  RETRY_DELAYS_MS,
  type DispatcherTimers,
} from '../apps/api/src/correspondence/mail-dispatcher';
import { smtpTransport } from '../apps/api/src/correspondence/mail-transport';
import { STORAGE, type Storage } from '../apps/api/src/storage/storage';
import { positionAt } from '#event-store';
import { startMailServer, type MailServer } from './support/mail-server';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const manager = person('u-olive', 'operations-manager');
const staff = person('u-sam', 'staff');
const FROM = 'DMM Complaints <complaints@dmm.example>';

/** Time as the dispatcher sees it here: every wait is noted and over at once. */
function testTimers(): DispatcherTimers & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    wait: async (ms) => void waits.push(ms),
    every: () => () => undefined,
  };
}

describe('the mail dispatcher', () => {
  let api: TestApp;
  let mail: MailServer;
  const dispatchers: MailDispatcher[] = [];
  afterEach(async () => {
    for (const dispatcher of dispatchers.splice(0)) await dispatcher.stop();
    await api.close();
    await mail.close();
  });

  async function setUp(refuse = 0) {
    api = await startTestApp({ now: '2026-11-23T10:00:00Z' });
    mail = await startMailServer({ refuse });
  }

  function dispatcher(timers = testTimers(), holder = 'test-host') {
    const storage = api.app.get<Storage>(STORAGE);
    const made = new MailDispatcher({
      events: storage.events,
      checkpoints: storage.checkpoints,
      leases: storage.leases,
      cases: api.app.get(CaseCommandService),
      transport: smtpTransport(mail.url),
      settings: { from: FROM, host: 'feedback.dmm.example' },
      timers,
      holder,
      log: () => undefined,
    });
    dispatchers.push(made);
    return made;
  }

  async function writeLetter(channels = ['email']) {
    const caseId = await api.recordCase(
      staff,
      complaint({
        complainant: { name: 'Ada Learner', role: 'learner', email: 'ada@example.org' },
      }),
    );
    const response = await api.http
      .post(`/api/v1/cases/${caseId}/letters`)
      .set(await api.auth(manager))
      .send({ template: 'acknowledgement', channels });
    expect(response.status).toBe(202);
    return { caseId, letterId: response.body.letterId as string, letter: response.body.letter };
  }

  const lettersOf = async (caseId: string) =>
    (await api.http.get(`/api/v1/cases/${caseId}/letters`).set(await api.auth(manager))).body
      .letters;

  it('sends what waits in the outbox, with the letter’s words and headers, and records the delivery', async () => {
    await setUp();
    const { caseId, letterId, letter } = await writeLetter(['email', 'post']);
    expect(mail.received).toEqual([]); // the command did not wait for the mail server
    const sending = dispatcher();
    await sending.start();
    await sending.caughtUp();
    expect(mail.received).toHaveLength(1);
    const [message] = mail.received;
    expect(message.from?.value).toEqual([
      { name: 'DMM Complaints', address: 'complaints@dmm.example' },
    ]);
    expect(message.to).toMatchObject({
      value: [{ name: 'Ada Learner', address: 'ada@example.org' }],
    });
    expect(message.subject).toBe(letter.subject);
    expect(message.text).toBe(letter.body);
    expect(message.messageId).toBe(`<${letterId}@feedback.dmm.example>`);
    const [listed] = await lettersOf(caseId);
    expect(listed.email).toEqual({
      state: 'delivered',
      messageId: `<${letterId}@feedback.dmm.example>`,
      deliveredAt: '2026-11-23T10:00:00.000Z',
      failure: null,
    });
  });

  it('tries again with backoff while the server refuses, and succeeds after', async () => {
    await setUp(2);
    const { caseId } = await writeLetter();
    const timers = testTimers();
    const sending = dispatcher(timers);
    await sending.start();
    await sending.caughtUp();
    expect(mail.attempts).toBe(3);
    expect(timers.waits).toEqual(RETRY_DELAYS_MS.slice(0, 2));
    expect(mail.received).toHaveLength(1);
    expect((await lettersOf(caseId))[0].email.state).toBe('delivered');
  });

  it('records EmailFailed after the last try when the server never accepts', async () => {
    await setUp(Infinity);
    const { caseId } = await writeLetter();
    const sending = dispatcher();
    await sending.start();
    await sending.caughtUp();
    expect(mail.attempts).toBe(MAIL_ATTEMPTS);
    const [listed] = await lettersOf(caseId);
    expect(listed.email).toMatchObject({
      state: 'failed',
      failure: { attempts: MAIL_ATTEMPTS, reason: expect.stringContaining('451') },
    });
  });

  it('sends nothing twice across a restart, even when the checkpoint is lost', async () => {
    await setUp();
    await writeLetter();
    const first = dispatcher();
    await first.start();
    await first.caughtUp();
    await first.stop();
    dispatchers.splice(0);
    expect(mail.received).toHaveLength(1);

    await writeLetter();
    const second = dispatcher();
    await second.start();
    await second.caughtUp();
    expect(mail.received).toHaveLength(2);
    await second.stop();
    dispatchers.splice(0);

    const storage = api.app.get<Storage>(STORAGE);
    await storage.checkpoints.save(MAIL_DISPATCHER, positionAt(-1));
    const third = dispatcher();
    await third.start();
    await third.caughtUp();
    expect(mail.received).toHaveLength(2);
  });

  it('leaves the sending to the replica holding the lease', async () => {
    await setUp();
    const holder = dispatcher(testTimers(), 'replica-1');
    await holder.start();
    const other = dispatcher(testTimers(), 'replica-2');
    await other.start();
    await writeLetter();
    await holder.caughtUp();
    expect(mail.received).toHaveLength(1);
    expect(mail.attempts).toBe(1);
  });
});

describe('the server with CLF_SMTP_URL', () => {
  it('starts the dispatcher itself and e-mails a letter once written', async () => {
    const mail = await startMailServer();
    const api = await startTestApp({ env: { CLF_SMTP_URL: mail.url, CLF_MAIL_FROM: FROM } });
    try {
      const caseId = await api.recordCase(
        staff,
        complaint({ complainant: { name: 'Ada', role: 'learner', email: 'ada@example.org' } }),
      );
      const sent = await api.http
        .post(`/api/v1/cases/${caseId}/letters`)
        .set(await api.auth(manager))
        .send({ template: 'acknowledgement', channels: ['email'] });
      expect(sent.status).toBe(202);
      await api.app.get(MailOutbox).dispatcher!.caughtUp();
      expect(mail.received.map((m) => m.subject)).toEqual([sent.body.letter.subject]);
    } finally {
      await api.close();
      await mail.close();
    }
  });
});
