import { signInToConsole, type ConsoleVisitor } from './support/console';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const staff = person('ann', 'staff');
const manager = person('olu', 'operations-manager');
const senior = person('sue', 'senior-manager');

/** The page's main content: what is the same for everyone looking at an error. */
const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0];
/** The revision a form on the page was rendered at. */
const revisionIn = (html: string) => /name="revision" value="(\d+)"/.exec(html)![1];

describe('the case page', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ now: '2026-12-07T09:00:00Z' })));
  afterEach(() => t.close());

  async function recordAs(actor = staff, body: Record<string, unknown> = complaint()) {
    const id = await t.recordCase(actor, body);
    const { body: found } = await t.http.get(`/api/v1/cases/${id}`).set(await t.auth(actor));
    return found as { id: string; reference: string; revision: number };
  }

  async function history(id: string) {
    const { body } = await t.http.get(`/api/v1/cases/${id}/history`).set(await t.auth(manager));
    return (body as { events: Array<{ type: string; data: Record<string, unknown> }> }).events;
  }

  /** Moves a complaint received in writing on to stage 2, as a manager. */
  async function escalateToStage2(visitor: ConsoleVisitor, reference: string) {
    const escalated = await act(visitor, reference, 'escalate', {
      reason: 'Asked',
      inWriting: 'yes',
    });
    expect(escalated.status).toBe(303);
  }

  /** Opens an action's form and sends it with these fields, at the revision it was shown at. */
  async function act(
    visitor: ConsoleVisitor,
    reference: string,
    action: string,
    fields: Record<string, string> = {},
  ) {
    const form = await visitor.get(`/cases/${reference}/${action}`);
    expect(form.status).toBe(200);
    return visitor.post(`/cases/${reference}/${action}`, {
      revision: revisionIn(form.text),
      ...fields,
    });
  }

  describe('who sees it', () => {
    it('shows a case to its recipient at its reference, in any letter case', async () => {
      const { reference } = await recordAs();
      const ann = await signInToConsole(t, staff);
      const page = await ann.get(`/cases/${reference.toLowerCase()}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(reference);
      expect(page.text).toContain('Mentor missed two sessions');
    });

    it('answers a case another member of staff may not see with the very page of a missing one', async () => {
      const { reference } = await recordAs();
      const stranger = await signInToConsole(t, person('bea', 'staff'));
      const hidden = await stranger.get(`/cases/${reference}`);
      const missing = await stranger.get('/cases/DMM-2026-99999');
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(main(hidden.text)).toBe(main(missing.text));
      expect(hidden.text).not.toContain('Mentor missed');
      const form = await stranger.get(`/cases/${reference}/notes`);
      expect(form.status).toBe(404);
      expect(main(form.text)).toBe(main(missing.text));
    });

    it('shows the banner of a case just recorded', async () => {
      const { reference } = await recordAs();
      const ann = await signInToConsole(t, staff);
      const page = await ann.get(`/cases/${reference}?recorded=1`);
      expect(page.text).toContain(`Feedback recorded: ${reference}`);
    });
  });

  describe('what it shows', () => {
    it('shows flags as warnings, deadlines in working days, and the timeline in words', async () => {
      const { id, reference } = await recordAs(
        staff,
        complaint({
          channel: 'email',
          formality: 'formal',
          summary: '<script>alert(1)</script>',
          complainant: { name: 'Kit Young', role: 'learner', under18: true },
          representative: { name: 'Pat Parent', relationship: 'parent' },
        }),
      );
      t.clock.set('2026-12-08T10:00:00Z');
      await t.http
        .post(`/api/v1/cases/${id}/acknowledge`)
        .set(await t.auth(manager))
        .send({ at: '2026-12-07T16:05:00Z', method: 'e-mail' });
      const ann = await signInToConsole(t, staff);
      const page = (await ann.get(`/cases/${reference}`)).text;
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).not.toContain('<script>alert(1)');
      expect(page).toContain('govuk-warning-text');
      expect(page).toContain('The representative is not authorised');
      expect(page).toContain('The complainant is under 18');
      // Received Monday 7 December: a formal complaint's response is due in 10 working days.
      expect(page).toMatch(/Response, stage 2[\s\S]*?Mon 21 Dec 2026[\s\S]*?Due in 9 working days/);
      expect(page).toContain('Name of olu acknowledged the case by e-mail at stage 2.');
      expect(page).toMatch(
        /Mon 7 Dec 2026, 4:05pm<\/time>, recorded <time datetime="[^"]+">Tue 8 Dec 2026, 10:00am/,
      );
      expect(page).toContain(
        'Name of ann recorded the complaint, received by e-mail at stage 2 (Formal written complaint).',
      );
    });

    it('offers only what this person may do, from the domain', async () => {
      const { reference } = await recordAs();
      const ann = await signInToConsole(t, staff);
      const page = (await ann.get(`/cases/${reference}`)).text;
      expect(page).toContain(`href="/cases/${reference}/acknowledge"`);
      expect(page).not.toContain(`href="/cases/${reference}/assign"`);
      expect((await ann.get(`/cases/${reference}/assign`)).status).toBe(403);
    });
  });

  describe('actions', () => {
    it('assigns, acknowledges, escalates and responds, each through the API’s command', async () => {
      const { id, reference } = await recordAs(staff, complaint({ channel: 'email' }));
      await signInToConsole(t, staff);
      const olu = await signInToConsole(t, manager);
      const assigned = await act(olu, reference, 'assign', { owner: 'ann' });
      expect(assigned.status).toBe(303);
      expect(assigned.headers.location).toBe(`/cases/${reference}?done=assign`);
      expect((await olu.get(assigned.headers.location)).text).toContain('The owner was assigned.');
      expect((await act(olu, reference, 'acknowledge', { method: 'phone' })).status).toBe(303);
      const escalated = await act(olu, reference, 'escalate', {
        reason: 'Not satisfied',
        inWriting: 'yes',
      });
      expect(escalated.status).toBe(303);
      t.clock.set('2026-12-07T09:25:00Z');
      const responded = await act(olu, reference, 'respond', {
        summary: 'We looked into it',
        outcome: 'upheld',
        'at-day': '7',
        'at-month': '12',
        'at-year': '2026',
        'at-time': '9:20am',
      });
      expect(responded.status).toBe(303);
      const events = await history(id);
      expect(events.map((e) => e.type)).toEqual([
        'CaseReceived',
        'OwnerAssigned',
        'CaseAcknowledged',
        'CaseEscalated',
        'CaseResponded',
      ]);
      expect(events[1].data.owner).toEqual({ id: 'ann', name: 'Name of ann' });
      const response = events[4] as unknown as { occurredAt: string };
      expect(response.occurredAt).toBe('2026-12-07T09:20:00.000Z');
      const page = (await olu.get(`/cases/${reference}`)).text;
      expect(page).toContain('Name of olu made Name of ann the owner.');
    });

    it('adds notes and correspondence, records guardian and representative decisions, referrals, categories, closing and reopening', async () => {
      const { id, reference } = await recordAs(
        staff,
        complaint({
          complainant: { name: 'Kit Young', role: 'learner', under18: true },
          representative: { name: 'Pat Parent', relationship: 'parent' },
        }),
      );
      const olu = await signInToConsole(t, manager);
      const sent = [
        await act(olu, reference, 'notes', { text: 'Called the learner' }),
        await act(olu, reference, 'correspondence', { channel: 'letter', summary: 'A letter' }),
        await act(olu, reference, 'guardian-notification', {
          decision: 'waived',
          reason: 'Estranged',
        }),
        await act(olu, reference, 'representative-authorisation', { documentId: '' }),
        await act(olu, reference, 'confidentiality-notice', { explanation: 'Safeguarding' }),
        await act(olu, reference, 'categories', { categories: 'mentoring, fees' }),
        await act(olu, reference, 'close', { reason: 'withdrawn' }),
        await act(olu, reference, 'reopen', { reason: 'New evidence' }),
        await act(olu, reference, 'external-referral', { body: 'ESFA complaints team' }),
      ];
      expect(sent.map((response) => response.status)).toEqual(Array(9).fill(303));
      expect((await history(id)).map((e) => e.type).slice(1)).toEqual([
        'NoteAdded',
        'CorrespondenceReceived',
        'GuardianNotificationWaived',
        'RepresentativeAuthorised',
        'ConfidentialityNoticeGiven',
        'CategoriesChanged',
        'CaseClosed',
        'CaseReopened',
        'ExternalReferralRecorded',
      ]);
    });

    it('shows a field left out beside its field and in the summary, keeping what was typed', async () => {
      const { id, reference } = await recordAs();
      const olu = await signInToConsole(t, manager);
      const refused = await act(olu, reference, 'respond', {
        summary: 'Kept <b>as typed</b>',
        'at-day': '31',
        'at-month': '2',
        'at-year': '2026',
        'at-time': '9:00',
      });
      expect(refused.status).toBe(400);
      for (const shown of [
        'There is a problem',
        'href="#outcome"',
        'Choose the outcome',
        'href="#at-day"',
        'Enter a real date',
        'Kept &lt;b&gt;as typed&lt;/b&gt;',
      ])
        expect(refused.text).toContain(shown);
      expect((await history(id)).length).toBe(1);
    });

    it('shows a refusal by the policy beside the form, recording nothing', async () => {
      const { id, reference } = await recordAs(staff, complaint({ channel: 'email' }));
      const olu = await signInToConsole(t, manager);
      const refused = await act(olu, reference, 'escalate', { reason: 'Asked on the phone' });
      expect(refused.status).toBe(422);
      expect(refused.text).toContain('href="#action-form"');
      expect(refused.text).toContain('needs the complaint in writing');
      expect(refused.text).toContain('Asked on the phone');
      expect((await history(id)).length).toBe(1);
    });

    it('offers a senior manager the override of the window, and records it with its reason', async () => {
      const { id, reference } = await recordAs(staff, complaint({ channel: 'email' }));
      const olu = await signInToConsole(t, manager);
      await escalateToStage2(olu, reference);
      expect((await olu.get(`/cases/${reference}/escalate`)).text).not.toContain('overrideReason');
      const sue = await signInToConsole(t, senior);
      const form = await sue.get(`/cases/${reference}/escalate`);
      expect(form.text).toContain('To stage 3 (Senior Management review).');
      expect(form.text).toContain('only a senior manager’s override can accept it now');
      expect(form.text).toContain('name="overrideReason"');
      const overridden = await act(sue, reference, 'escalate', {
        reason: 'Asked again',
        overrideReason: 'Was in hospital',
      });
      expect(overridden.status).toBe(303);
      const events = await history(id);
      expect(events[2].data.override).toEqual({
        reason: 'Was in hospital',
        by: { id: 'sue', name: 'Name of sue' },
      });
    });

    it('refuses an owner who is not in the directory, beside the field', async () => {
      const { reference } = await recordAs();
      const olu = await signInToConsole(t, manager);
      const refused = await act(olu, reference, 'assign', { owner: 'nobody' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('Choose an owner from the list');
      expect(refused.text).toContain('href="#owner"');
    });
  });

  describe('someone changed the case meanwhile', () => {
    it('records the same form sent twice once, and shows the second what the first did', async () => {
      const { id, reference } = await recordAs();
      const olu = await signInToConsole(t, manager);
      const form = await olu.get(`/cases/${reference}/notes`);
      const fields = { revision: revisionIn(form.text), text: 'Called the learner' };
      expect((await olu.post(`/cases/${reference}/notes`, fields)).status).toBe(303);
      const again = await olu.post(`/cases/${reference}/notes`, fields);
      expect(again.status).toBe(409);
      expect(again.text).toContain('This case was changed while you were looking at it');
      expect(again.text).toContain('Name of olu added a note.');
      expect((await history(id)).filter((e) => e.type === 'NoteAdded')).toHaveLength(1);
    });

    it('keeps a form shown again for its errors at the revision it was for', async () => {
      const { id, reference } = await recordAs();
      const olu = await signInToConsole(t, manager);
      const form = await olu.get(`/cases/${reference}/respond`);
      await t.http
        .post(`/api/v1/cases/${id}/notes`)
        .set(await t.auth(staff))
        .send({ text: 'Meanwhile' });
      const refused = await olu.post(`/cases/${reference}/respond`, {
        revision: revisionIn(form.text),
        summary: 'Sorted',
      });
      expect(refused.status).toBe(400);
      expect(revisionIn(refused.text)).toBe('0');
      const changed = await olu.post(`/cases/${reference}/respond`, {
        revision: revisionIn(refused.text),
        summary: 'Sorted',
        outcome: 'resolved',
      });
      expect(changed.status).toBe(409);
      expect(changed.text).toContain('Name of ann added a note.');
      expect((await history(id)).map((e) => e.type)).toEqual(['CaseReceived', 'NoteAdded']);
    });

    it('shows the second of two people acting on the same revision what changed, with their form filled in at the new revision', async () => {
      const { id, reference } = await recordAs();
      const olu = await signInToConsole(t, manager);
      const sue = await signInToConsole(t, senior);
      const oluForm = await olu.get(`/cases/${reference}/respond`);
      const sueForm = await sue.get(`/cases/${reference}/close`);
      expect(
        (
          await olu.post(`/cases/${reference}/respond`, {
            revision: revisionIn(oluForm.text),
            summary: 'Sorted',
            outcome: 'resolved',
          })
        ).status,
      ).toBe(303);
      const changed = await sue.post(`/cases/${reference}/close`, {
        revision: revisionIn(sueForm.text),
        reason: 'withdrawn',
        note: 'They rang to withdraw',
      });
      expect(changed.status).toBe(409);
      expect(changed.text).toContain('This case was changed while you were looking at it');
      expect(changed.text).toContain(
        'Name of olu recorded the response at stage 1, resolved, sent to the complainant.',
      );
      expect(changed.text).toContain('They rang to withdraw');
      expect(changed.text).toMatch(/value="withdrawn" checked/);
      expect(revisionIn(changed.text)).toBe('1');
      expect((await history(id)).map((e) => e.type)).toEqual(['CaseReceived', 'CaseResponded']);
      const decided = await sue.post(`/cases/${reference}/close`, {
        revision: revisionIn(changed.text),
        reason: 'resolved',
      });
      expect(decided.status).toBe(303);
    });
  });

  describe('documents', () => {
    it('attaches an upload through the API’s path and serves it back as an attachment', async () => {
      const { reference } = await recordAs();
      const ann = await signInToConsole(t, staff);
      const uploaded = await t.http
        .post(`/cases/${reference}/documents?_csrf=${encodeURIComponent(ann.csrfToken)}`)
        .set('Cookie', ann.cookie)
        .attach('file', Buffer.from('From: parent@example.com\n\nHello'), 'the "email".txt');
      expect(uploaded.status).toBe(303);
      expect(uploaded.headers.location).toBe(`/cases/${reference}?attached=1`);
      const page = (await ann.get(uploaded.headers.location)).text;
      expect(page).toContain('The document was attached.');
      const link = /href="(\/cases\/[^"]+\/documents\/[^"]+)"/.exec(page)![1];
      const download = await ann.get(link);
      expect(download.status).toBe(200);
      expect(download.headers['content-disposition']).toBe(
        'attachment; filename="the email.txt"; filename*=UTF-8\'\'the%20email.txt',
      );
      expect(download.text).toContain('From: parent@example.com');
      const stranger = await signInToConsole(t, person('bea', 'staff'));
      expect((await stranger.get(link)).status).toBe(404);
    });

    it('refuses an upload without its token, and a file of the wrong kind beside the field', async () => {
      const { id, reference } = await recordAs();
      const ann = await signInToConsole(t, staff);
      const forged = await t.http
        .post(`/cases/${reference}/documents`)
        .set('Cookie', ann.cookie)
        .attach('file', Buffer.from('hello'), 'a.txt');
      expect(forged.status).toBe(403);
      const wrong = await t.http
        .post(`/cases/${reference}/documents?_csrf=${encodeURIComponent(ann.csrfToken)}`)
        .set('Cookie', ann.cookie)
        .attach('file', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]), 'a.pdf');
      expect(wrong.status).toBe(415);
      expect(wrong.text).toContain('href="#file"');
      expect(wrong.text).toContain('is not a PDF');
      expect((await history(id)).length).toBe(1);
    });
  });
});
