import type { ParsedMail } from 'mailparser';
import { InProcessJobLeases } from '#scheduling';
import { JobRunner } from '../apps/api/src/jobs/job-runner.service';
import { CLOCK, STORAGE, type Storage } from '../apps/api/src/storage/storage';
import { startMailServer, type MailServer } from './support/mail-server';
import { addPeople } from './support/people';
import { secondJobRunner } from './support/second-job-runner';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const admin = person('u-ada', 'admin');
const sam = { ...person('u-sam', 'staff'), name: 'Sam Owner' };
const olive = { ...person('u-olive', 'operations-manager'), name: 'Olive Manager' };
const sue = { ...person('u-sue', 'senior-manager'), name: 'Sue Senior' };

const who = (message: ParsedMail) =>
  (message.to as { value: Array<{ address: string }> }).value[0].address;
const summary = (mail: MailServer) => mail.received.map((m) => `${who(m)}: ${m.subject}`).sort();

describe('telling staff by e-mail (the reminders and digest jobs)', () => {
  let api: TestApp;
  let mail: MailServer;
  afterEach(async () => {
    await api.close();
    await mail.close();
  });

  /** Monday 23 November 2026, 10am, with a mail server on loopback. */
  async function setUp(env: Record<string, string> = {}) {
    mail = await startMailServer();
    api = await startTestApp({
      now: '2026-11-23T10:00:00Z',
      env: {
        CLF_SMTP_URL: mail.url,
        CLF_MAIL_FROM: 'DMM Complaints <complaints@dmm.example>',
        CLF_PUBLIC_URL: 'https://feedback.dmm.example',
        ...env,
      },
    });
    await addPeople(api.app, admin, sam, olive, sue);
  }

  const runJob = async (job: string, status = 200) => {
    const response = await api.http
      .post(`/api/v1/admin/jobs/${job}/run`)
      .set(await api.auth(admin));
    expect(response.status).toBe(status);
    return response.body;
  };

  const openCase = async (owner: typeof sam | null) => {
    const id = await api.recordCase(
      olive,
      complaint({
        summary: 'The heating in room 4 has not worked for weeks',
        ...(owner ? { owner: { id: owner.id, name: owner.name } } : {}),
      }),
    );
    const found = await api.http.get(`/api/v1/cases/${id}`).set(await api.auth(olive));
    return { id, reference: found.body.reference as string };
  };

  it('tells the owner of an assignment, before and at a deadline, and managers of a stalled case; each once', async () => {
    await setUp();
    const owned = await openCase(sam);
    const unassigned = await openCase(null);

    expect(await runJob('reminders')).toMatchObject({ sent: { assigned: 1 }, stoppedEarly: null });
    expect(summary(mail)).toEqual([`u-sam@people.test: ${owned.reference} is assigned to you`]);
    const [assigned] = mail.received;
    expect(assigned.text).toContain(`https://feedback.dmm.example/cases/${owned.reference}`);
    expect(assigned.text).not.toContain('heating');
    expect(assigned.from?.value).toEqual([
      { name: 'DMM Complaints', address: 'complaints@dmm.example' },
    ]);

    /** What one run of the reminders job at this time sends, to whom. */
    const remindersAt = async (iso: string) => {
      api.clock.set(iso);
      mail.received.length = 0;
      await runJob('reminders');
      return summary(mail);
    };

    // DMM acknowledges within 3 working days: due Wednesday 25th; Tuesday is the day before.
    expect(await remindersAt('2026-11-24T09:00:00Z')).toEqual([
      `u-olive@people.test: ${unassigned.reference}: acknowledgement due soon`,
      `u-sam@people.test: ${owned.reference}: acknowledgement due soon`,
      `u-sue@people.test: ${unassigned.reference}: acknowledgement due soon`,
    ]);

    expect(await remindersAt('2026-11-26T09:00:00Z')).toEqual([
      `u-olive@people.test: ${owned.reference}: acknowledgement deadline missed`,
      `u-olive@people.test: ${unassigned.reference}: acknowledgement deadline missed`,
      `u-sam@people.test: ${owned.reference}: acknowledgement deadline missed`,
      `u-sue@people.test: ${owned.reference}: acknowledgement deadline missed`,
      `u-sue@people.test: ${unassigned.reference}: acknowledgement deadline missed`,
    ]);

    // Ten working days and more without activity: stalled, told to the managers.
    expect(await remindersAt('2026-12-08T09:00:00Z')).toEqual([
      `u-olive@people.test: ${owned.reference}: no activity for 11 working days`,
      `u-olive@people.test: ${unassigned.reference}: no activity for 11 working days`,
      `u-sue@people.test: ${owned.reference}: no activity for 11 working days`,
      `u-sue@people.test: ${unassigned.reference}: no activity for 11 working days`,
    ]);

    // Run again: nothing more (the reminders are past; 13 were sent in all).
    expect(await remindersAt('2026-12-08T09:05:00Z')).toEqual([]);
    expect(await runJob('reminders')).toMatchObject({ sent: {}, alreadySent: 10 });
    const log = await api.app.get<Storage>(STORAGE).staffNotifications.recent(100);
    expect(log).toHaveLength(13);
    expect(log.every((n) => n.sentAt !== null)).toBe(true);
  });

  it('sends each manager a daily digest from 7am, once a day, unless they have turned it off', async () => {
    await setUp();
    const unassigned = await openCase(null);
    api.clock.set('2026-12-01T06:30:00Z');
    expect(await runJob('digest')).toMatchObject({
      stoppedEarly: null,
      notYet: 'the digest goes from 7am',
    });
    expect(mail.received).toEqual([]);

    await api.app.get<Storage>(STORAGE).accounts.setDigestWanted(sue.id, false);
    api.clock.set('2026-12-01T07:05:00Z');
    await runJob('digest');
    await runJob('digest');
    expect(summary(mail)).toEqual(['u-olive@people.test: Your cases today: 1 overdue, 0 due soon']);
    expect(mail.received[0].text).toContain(`Case: ${unassigned.reference}`);
    expect(mail.received[0].text).toContain('Acknowledgement due: Wed 25 Nov 2026, 11:59pm');
  });

  it('sends once when two runners (as on two replicas) run the job at the same time', async () => {
    await setUp();
    await openCase(sam);
    const storage = api.app.get<Storage>(STORAGE);
    const one = api.app.get(JobRunner);
    // Leases of their own: only the notification log stands between them and a second e-mail.
    const other = secondJobRunner(api, new InProcessJobLeases(api.app.get(CLOCK)));
    const reports = await Promise.all([one.notify('reminders'), other.notify('reminders')]);
    expect(reports.map((r) => r.sent.assigned ?? 0).sort()).toEqual([0, 1]);
    expect(mail.received).toHaveLength(1);
    expect(await storage.staffNotifications.recent(10)).toHaveLength(1);
  });

  it('without a mail server records nothing as sent, and sends what is owed once there is one', async () => {
    mail = await startMailServer();
    api = await startTestApp({ now: '2026-11-23T10:00:00Z' });
    await addPeople(api.app, admin, sam, olive, sue);
    const owned = await openCase(sam);
    expect(await runJob('reminders')).toMatchObject({
      sent: {},
      stoppedEarly: expect.stringContaining('CLF_SMTP_URL'),
    });
    expect(await api.app.get<Storage>(STORAGE).staffNotifications.recent(10)).toEqual([]);
    await api.close();
    api = await startTestApp({
      dataDir: api.dataDir,
      now: '2026-11-23T11:00:00Z',
      env: { CLF_SMTP_URL: mail.url, CLF_MAIL_FROM: 'complaints@dmm.example' },
    });
    expect(await runJob('reminders')).toMatchObject({ sent: { assigned: 1 } });
    expect(summary(mail)).toEqual([`u-sam@people.test: ${owned.reference} is assigned to you`]);
  });
});
