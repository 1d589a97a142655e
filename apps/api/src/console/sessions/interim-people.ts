import { Injectable } from '@nestjs/common';
import type {
  ConsolePeople,
  ConsolePerson,
  ConsoleSignIn,
  SignInOutcome,
} from './console-people.port';

/**
 * INTERIM, replaced by the staff directory (apps/api/src/people) when it lands on main:
 * people known to this process only, no passwords. Lets the console's pages be built
 * and tested (test/support/console.ts adds people) before the directory exists.
 */
@Injectable()
export class InterimPeople implements ConsolePeople, ConsoleSignIn {
  private readonly people = new Map<string, ConsolePerson>();

  add(person: ConsolePerson): void {
    this.people.set(person.id, person);
  }

  async findById(id: string): Promise<ConsolePerson | undefined> {
    return this.people.get(id);
  }

  async findByEmail(email: string): Promise<ConsolePerson | undefined> {
    const wanted = email.toLowerCase();
    return [...this.people.values()].find((person) => person.email.toLowerCase() === wanted);
  }

  async list(): Promise<ConsolePerson[]> {
    return [...this.people.values()];
  }

  async signIn(): Promise<SignInOutcome> {
    return { outcome: 'refused' };
  }

  async firstRunPending(): Promise<boolean> {
    return false;
  }
}
