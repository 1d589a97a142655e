import { addPeople } from './support/people';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const staff = person('u-sam', 'staff');
const ops = person('u-olu', 'operations-manager');

describe('owners are people in the staff directory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await addPeople(t.app, { id: 'u-tom', name: 'Tom Hughes', roles: ['staff'] });
  });
  afterAll(() => t.close());

  it('refuses (400, owner.id) an owner who is not in the directory, on receipt and on assignment', async () => {
    const received = await t.http
      .post('/api/v1/cases')
      .set(await t.auth(staff))
      .send(complaint({ owner: { id: 'u-nobody', name: 'Nobody' } }));
    expect(received.status).toBe(400);
    expect(received.type).toBe('application/problem+json');
    expect(received.body.errors).toEqual([
      { field: 'owner.id', message: expect.stringMatching(/u-nobody/) },
    ]);
    const id = await t.recordCase(staff);
    const assigned = await t.http
      .post(`/api/v1/cases/${id}/assign`)
      .set(await t.auth(ops))
      .send({ owner: { id: 'u-nobody', name: 'Nobody' } });
    expect(assigned.status).toBe(400);
    expect(assigned.body.errors[0].field).toBe('owner.id');
  });

  it('records the owner under the name the directory gives them', async () => {
    const id = await t.recordCase(staff, complaint({ owner: { id: 'u-tom', name: 'Tommy' } }));
    const found = await t.http.get(`/api/v1/cases/${id}`).set(await t.auth(ops));
    expect(found.body.owner).toEqual({ id: 'u-tom', name: 'Tom Hughes' });
  });
});
