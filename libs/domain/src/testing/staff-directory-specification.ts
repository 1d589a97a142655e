import type { DomainErrorKind } from '../case/case.errors';
import { expectRefusal } from './case-specification';
import type { Actor } from '../case/case.model';
import type { StaffDirectoryCommand } from '../people/staff-directory.commands';
import { decideStaffDirectory } from '../people/staff-directory.decider';
import type { StaffDirectoryEvent } from '../people/staff-directory.events';
import { foldStaffDirectory } from '../people/staff-directory.state';

const AT = '2026-11-23T10:00:00.000Z';

/** An administrator's hand on the directory, as the events record them. */
export const administrator = (id: string): Actor => ({ id, name: id, roles: ['admin'] });

/** Given/when/then for the staff directory: `given(events…).when(command).then(events)`. */
export const staffDirectorySpecification = {
  at: AT,
  given: (...history: StaffDirectoryEvent[]) => ({
    when: (command: StaffDirectoryCommand) => {
      const run = () => decideStaffDirectory(command, foldStaffDirectory(history), new Date(AT));
      return {
        then(expected: StaffDirectoryEvent[]): void {
          expect(run()).toEqual(expected);
        },
        thenNothing(): void {
          expect(run()).toEqual([]);
        },
        thenRefuses(code: string, kind?: DomainErrorKind): void {
          expectRefusal(run, code, kind);
        },
      };
    },
  }),
};
