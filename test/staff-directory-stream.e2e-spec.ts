import { addPeople } from './support/people';
import { person, startTestApp, type TestApp } from './support/test-app';

const staff = person('u-sam', 'staff');
const ops = person('u-olu', 'operations-manager');

describe('the staff directory’s stream beside the cases', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('is not a case to the read models, the jobs or the admin views', async () => {
    await addPeople(t.app, staff, ops);
    const id = await t.recordCase(staff);
    await addPeople(t.app, person('u-late', 'quality'));
    const queue = await t.http
      .get('/api/v1/cases?status=open')
      .set(await t.auth(ops))
      .set('X-CLF-Min-Position', '0');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    const sweep = await t.http
      .post('/api/v1/admin/jobs/sla-sweep/run')
      .set(await t.auth(person('u-root', 'admin')));
    expect(sweep.status).toBeLessThan(300);
    const projections = await t.http
      .get('/api/v1/admin/projections')
      .set(await t.auth(person('u-root', 'admin')));
    expect(projections.status).toBe(200);
  });
});
