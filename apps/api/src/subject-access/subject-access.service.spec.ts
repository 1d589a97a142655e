import type { LocalDate } from '#calendar';
import { ActorNotPermittedError } from '#domain';
import {
  archiveDisposition,
  NothingFoundError,
  requireDataProtection,
  type SubjectAccessExport,
} from './subject-access.service';

describe('subject access', () => {
  it('is data protection’s alone, whatever other roles may see', () => {
    expect(() => requireDataProtection({ id: 'd', roles: ['data-protection'] })).not.toThrow();
    for (const roles of [['quality'], ['senior-manager', 'auditor'], ['admin'], []] as const)
      expect(() => requireDataProtection({ id: 'x', roles })).toThrow(ActorNotPermittedError);
  });

  it('names the ZIP by the local date and the export, never by the person', () => {
    const exported: SubjectAccessExport = {
      exportId: 'd7c72e30-1111-5222-8333-444455556666',
      at: new Date('2027-06-07T23:30:00.000Z'),
      day: '2027-06-08' as LocalDate,
      search: { matchedOn: 'name', value: 'Kit Young', key: 'name:kit young' },
      requestedBy: { id: 'dana', name: 'Dana Protect' },
      cases: [],
    };
    expect(archiveDisposition(exported)).toBe(
      'attachment; filename="subject-access-2027-06-08-d7c72e30.zip"',
    );
  });

  it('says plainly when nothing was found, and that nothing was recorded', () => {
    expect(new NothingFoundError().toProblem()).toMatchObject({
      status: 404,
      code: 'nothing-found',
      detail: expect.stringContaining('Nothing was recorded.'),
    });
  });
});
