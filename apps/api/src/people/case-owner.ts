import { InvalidCommandError, type CaseCommand } from '#domain';
import type { StaffDirectory } from './staff-directory';

export type OwnerDirectory = Pick<StaffDirectory, 'findById'>;

/**
 * Owners are people: a case's owner must be someone active in the staff directory, and is
 * recorded under the name the directory gives them, whatever name the request carried.
 */
export async function withDirectoryOwner(
  command: CaseCommand,
  directory: OwnerDirectory,
): Promise<CaseCommand> {
  if (command.type !== 'ReceiveCase' && command.type !== 'AssignOwner') return command;
  const { owner } = command.data;
  if (!owner) return command;
  const person = await directory.findById(owner.id);
  if (!person?.active)
    throw new InvalidCommandError(
      'owner.id',
      'owner-not-in-directory',
      `No one active in the staff directory has the id ${owner.id.slice(0, 100)}: choose the owner from the directory.`,
    );
  return {
    ...command,
    data: { ...command.data, owner: { id: person.id, name: person.name } },
  } as CaseCommand;
}
