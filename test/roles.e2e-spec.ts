import { addPeople } from './support/people';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

/** Who may see and do what (docs/policies.md, "Who decides at each stage"), row by row, over HTTP. */
const recipient = person('u-rita', 'staff');
const owner = person('u-owen', 'staff');
const otherStaff = person('u-oscar', 'staff');
const ops = person('u-olu', 'operations-manager');
const senior = person('u-sue', 'senior-manager');
const quality = person('u-quinn', 'quality');
const auditor = person('u-audrey', 'auditor');
const admin = person('u-adam', 'admin');

describe('who may do what', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ now: '2026-11-23T10:00:00Z' });
    await addPeople(
      api.app,
      { ...owner, name: 'Owen' },
      person('x', 'staff'),
      person('u-new', 'staff'),
    );
  });
  afterAll(() => api.close());

  const post = async (actor: typeof ops, path: string, body: object) =>
    api.http
      .post(`/api/v1${path}`)
      .set(await api.auth(actor))
      .send(body);
  const get = async (actor: typeof ops, path: string) =>
    api.http.get(`/api/v1${path}`).set(await api.auth(actor));
  const note = (actor: typeof ops, id: string) =>
    post(actor, `/cases/${id}/notes`, { text: `by ${actor.id}` });

  /** A stage 1 complaint recorded by `recipient`, owned by `owner`. */
  async function stage1(): Promise<string> {
    const response = await post(
      recipient,
      '/cases',
      complaint({ owner: { id: owner.id, name: 'Owen' } }),
    );
    expect(response.status).toBe(201);
    return response.body.id;
  }
  /** The same, responded to at stage 2 and escalated to stage 3 review. */
  async function stage3(): Promise<string> {
    const response = await post(
      recipient,
      '/cases',
      complaint({ formality: 'formal', owner: { id: owner.id, name: 'Owen' } }),
    );
    const id = response.body.id;
    expect(
      (await post(ops, `/cases/${id}/respond`, { summary: 'Answer', outcome: 'not-upheld' }))
        .status,
    ).toBe(200);
    expect((await post(ops, `/cases/${id}/escalate`, { reason: 'Asked for review' })).status).toBe(
      200,
    );
    return id;
  }

  it('staff: record feedback and become its Recipient; see and act on their own cases; others are 404', async () => {
    const id = await stage1();
    expect((await get(recipient, `/cases/${id}`)).body.recipient.id).toBe(recipient.id);
    for (const participant of [recipient, owner]) {
      expect((await get(participant, `/cases/${id}`)).status).toBe(200);
      expect((await note(participant, id)).status).toBe(200);
    }
    expect((await post(owner, `/cases/${id}/acknowledge`, {})).status).toBe(200);
    expect((await get(otherStaff, `/cases/${id}`)).status).toBe(404);
    expect((await note(otherStaff, id)).status).toBe(404);
    expect(
      (await post(owner, `/cases/${id}/assign`, { owner: { id: 'x', name: 'X' } })).status,
    ).toBe(403);
    expect((await post(owner, `/cases/${id}/close`, { reason: 'resolved' })).status).toBe(200);
    expect((await post(owner, `/cases/${id}/reopen`, { reason: 'again' })).status).toBe(403);
  });

  it('staff: may move a complaint that came in writing to stage 2, but stage 2 is decided by the operations manager (DMM)', async () => {
    const id = await stage1();
    const moved = await post(owner, `/cases/${id}/escalate`, {
      reason: 'Wrote in, still unhappy',
      inWriting: true,
    });
    expect(moved.status).toBe(200);
    for (const [path, body] of [
      ['respond', { summary: 'Our answer', outcome: 'upheld' }],
      ['close', { reason: 'resolved' }],
    ] as const) {
      const refused = await post(owner, `/cases/${id}/${path}`, body);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('role-not-permitted');
    }
    expect((await note(owner, id)).status).toBe(200);
    expect(
      (await post(owner, `/cases/${id}/correspondence`, { channel: 'email', summary: 'More' }))
        .status,
    ).toBe(200);
    expect(
      (await post(ops, `/cases/${id}/respond`, { summary: 'Our answer', outcome: 'upheld' }))
        .status,
    ).toBe(200);
    expect(
      (await post(owner, `/cases/${id}/escalate`, { reason: 'Asked for review' })).status,
    ).toBe(403);
  });

  it('operations-manager: see all cases; assign; act at stages 1–2; reopen; not stage 3', async () => {
    const id = await stage1();
    expect((await get(ops, `/cases/${id}`)).status).toBe(200);
    expect(
      (await post(ops, `/cases/${id}/assign`, { owner: { id: 'u-new', name: 'New' } })).status,
    ).toBe(200);
    expect(
      (await post(ops, `/cases/${id}/escalate`, { reason: 'Formal now', inWriting: true })).status,
    ).toBe(200);
    expect(
      (await post(ops, `/cases/${id}/respond`, { summary: 'Done', outcome: 'upheld' })).status,
    ).toBe(200);
    expect((await post(ops, `/cases/${id}/close`, { reason: 'resolved' })).status).toBe(200);
    expect((await post(ops, `/cases/${id}/reopen`, { reason: 'More to do' })).status).toBe(200);

    const review = await stage3();
    expect((await get(ops, `/cases/${review}`)).status).toBe(200);
    expect((await note(ops, review)).status).toBe(403);
    expect(
      (await post(ops, `/cases/${review}/respond`, { summary: 'x', outcome: 'upheld' })).status,
    ).toBe(403);
  });

  it('senior-manager: everything operations managers can, plus stage 3 and overrides', async () => {
    const review = await stage3();
    expect((await note(senior, review)).status).toBe(200);
    expect(
      (
        await post(senior, `/cases/${review}/respond`, {
          summary: 'Reviewed',
          outcome: 'partially-upheld',
        })
      ).status,
    ).toBe(200);

    const late = (await post(recipient, '/cases', complaint({ formality: 'formal' }))).body.id;
    await post(ops, `/cases/${late}/respond`, { summary: 'Answer', outcome: 'not-upheld' });
    api.clock.set('2027-01-10T10:00:00Z');
    try {
      const refused = await post(ops, `/cases/${late}/escalate`, {
        reason: 'Late',
        override: { reason: 'Was in hospital' },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('override-needs-senior-manager');
      const overridden = await post(senior, `/cases/${late}/escalate`, {
        reason: 'Late',
        override: { reason: 'Was in hospital' },
      });
      expect(overridden.status).toBe(200);
      expect(overridden.body.case.stage).toBe(3);
    } finally {
      api.clock.set('2026-11-23T10:00:00Z');
    }
  });

  it('quality: read all cases and change categories; nothing else', async () => {
    const id = await stage1();
    expect((await get(quality, `/cases/${id}`)).status).toBe(200);
    expect((await post(quality, `/cases/${id}/categories`, { categories: ['fees'] })).status).toBe(
      200,
    );
    expect((await note(quality, id)).status).toBe(403);
    expect((await post(quality, '/cases', complaint())).status).toBe(403);
  });

  it('auditor: read-only everything', async () => {
    const id = await stage3();
    expect((await get(auditor, `/cases/${id}`)).status).toBe(200);
    expect((await note(auditor, id)).status).toBe(403);
    expect((await post(auditor, `/cases/${id}/categories`, { categories: ['x'] })).status).toBe(
      403,
    );
    expect((await post(auditor, '/cases', complaint())).status).toBe(403);
  });

  it('admin: no case content', async () => {
    const id = await stage1();
    expect((await get(admin, `/cases/${id}`)).status).toBe(404);
    expect((await note(admin, id)).status).toBe(404);
    expect((await post(admin, '/cases', complaint())).status).toBe(403);
  });

  it('a token with no roles this system knows can do nothing', async () => {
    const id = await stage1();
    const nobody = person('u-nobody');
    expect((await get(nobody, `/cases/${id}`)).status).toBe(404);
    expect((await post(nobody, '/cases', complaint())).status).toBe(403);
  });
});
