import type { Role } from '#domain';

/** A member of staff as the console knows them: from the staff directory. */
export interface ConsolePerson {
  id: string;
  name: string;
  email: string;
  roles: readonly Role[];
  active: boolean;
}

/** Who a session belongs to, looked up on every request (a deactivated person is out at once). */
export interface ConsolePeople {
  findById(id: string): Promise<ConsolePerson | undefined>;
  /** The person with this e-mail address, whatever its letter case (an identity provider's sign-in). */
  findByEmail(email: string): Promise<ConsolePerson | undefined>;
  /** Everyone in the directory, active or not (owners are picked from the active). */
  list(): Promise<ConsolePerson[]>;
}

export const CONSOLE_PEOPLE = Symbol('ConsolePeople');

/** What checking an e-mail address and password came to. */
export type SignInOutcome =
  | { outcome: 'signed-in'; person: ConsolePerson }
  /** Unknown address, wrong password or deactivated: one answer, so nobody learns which. */
  | { outcome: 'refused' }
  | { outcome: 'throttled'; retryAfterSeconds: number };

/** Local accounts: how the sign-in page checks a password. */
export interface ConsoleSignIn {
  signIn(email: string, password: string, address: string): Promise<SignInOutcome>;
  /** True while nobody is in the staff directory: the first administrator is still to be made. */
  firstRunPending(): Promise<boolean>;
}

export const CONSOLE_SIGN_IN = Symbol('ConsoleSignIn');
