import { ROLES, type Role } from '#domain';
import { ROLE_WORDS } from '../rendering/vocabulary';

/** What each role means, in the words an administrator choosing it needs. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  staff: `${ROLE_WORDS.staff}: records feedback, works the cases they received or own`,
  'operations-manager': `${ROLE_WORDS['operations-manager']}: sees every case, assigns, acts at the first stages`,
  'senior-manager': `${ROLE_WORDS['senior-manager']}: as an operations manager, and the final internal stage and overrides`,
  quality: `${ROLE_WORDS.quality}: reads every case, reports and themes; changes categories`,
  auditor: `${ROLE_WORDS.auditor}: reads everything, including each case’s full history`,
  admin: `${ROLE_WORDS.admin}: people and roles, projections and jobs; no case content`,
  'data-protection': `${ROLE_WORDS['data-protection']}: finds, exports and erases a person’s data; nothing else`,
};

/** The roles as the form's checkboxes, those chosen ticked. */
export const roleItems = (chosen: readonly Role[]) =>
  ROLES.map((role) => ({
    value: role,
    text: ROLE_DESCRIPTIONS[role],
    checked: chosen.includes(role),
  }));
