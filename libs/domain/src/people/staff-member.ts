import type { Role } from '../case/case.model';

/** A person in the staff directory: who may sign in, own cases, and with which roles. */
export interface StaffMember {
  id: string;
  name: string;
  email: string;
  roles: readonly Role[];
  active: boolean;
}

/** The longest name or e-mail address the directory keeps (RFC 5321 caps an address at 254). */
export const MAX_NAME_LENGTH = 200;
export const MAX_EMAIL_LENGTH = 254;

/** E-mail addresses are compared without regard to letter case. */
export const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
