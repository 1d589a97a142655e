import { subjectAccessFormValues, subjectAccessRequestOf } from './subject-access-form';

describe('the subject access form', () => {
  it('is read trimmed, with only what was filled in sent on', () => {
    const values = subjectAccessFormValues({ email: ' kit@example.com ', phone: '', name: ['x'] });
    expect(values).toMatchObject({ email: 'kit@example.com', phone: '', name: '' });
    expect(subjectAccessRequestOf(values)).toEqual({ email: 'kit@example.com' });
  });

  it('keeps the key it was shown with, so a second click downloads the same export', () => {
    const key = '6f1c5d7e-8a2b-4c3d-9e0f-1a2b3c4d5e6f';
    expect(subjectAccessFormValues({ key }).key).toBe(key);
    const fresh = subjectAccessFormValues({ key: 'made up' }).key;
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    expect(subjectAccessFormValues({}).key).not.toBe(fresh);
  });
});
