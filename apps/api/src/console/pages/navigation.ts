import { caseVisibility, READS_REPORTS, RECORDS_FEEDBACK, ROLES, type Role } from '#domain';
import { RETENTION_PAGE } from '../data-protection/retention-view';
import type { ConsolePerson } from '../sessions/console-people.port';

interface NavigationItem {
  href: string;
  text: string;
  /** Who sees it; everyone signed in when absent. */
  roles?: readonly Role[];
}

/** Every role that sees cases, by the domain's rule (an administrator sees no case content). */
const SEES_CASES = ROLES.filter(
  (role) => caseVisibility({ id: '', roles: [role] }).scope !== 'none',
);

/** The console's sections, in the order of the navigation bar. */
const SECTIONS: NavigationItem[] = [
  { href: '/', text: 'Worklist', roles: SEES_CASES },
  { href: '/dashboard', text: 'Dashboard', roles: SEES_CASES },
  {
    href: '/cases/new',
    text: 'Record feedback',
    roles: RECORDS_FEEDBACK,
  },
  { href: '/reports', text: 'Reports', roles: READS_REPORTS },
  { href: RETENTION_PAGE, text: 'Retention', roles: ['data-protection'] },
  { href: '/data-protection/subject-access', text: 'Subject access', roles: ['data-protection'] },
  { href: '/people', text: 'People', roles: ['admin'] },
  { href: '/admin', text: 'Administration', roles: ['admin'] },
  { href: '/account', text: 'Your account' },
];

/** What the navigation bar offers this person, with the section they are in marked. */
export function navigationFor(person: ConsolePerson, path: string) {
  const current = [...SECTIONS]
    .reverse()
    .find((section) => (section.href === '/' ? path === '/' : path.startsWith(section.href)));
  return SECTIONS.filter(
    (section) => !section.roles || section.roles.some((role) => person.roles.includes(role)),
  ).map((section) => ({ href: section.href, text: section.text, active: section === current }));
}
