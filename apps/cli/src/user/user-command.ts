import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { createCaseDecider, DomainError, ROLES, type Actor, type Role } from '#domain';
import { systemClock } from '#event-store';
import { AccountService, loadConfig, openStorage, passwordProblem, StaffDirectory } from '#api';
import { parseCommandLine, runCommand, UsageError, type CommandOutput } from '../command-line';
import { OperationRefusedError } from '../operation-refused.error';

const USER_USAGE = `Usage: npm run -s user -- add --email <address> --name "<full name>" --roles <role>[,<role>…]   (the password on standard input)
       npm run -s user -- list
Roles: ${ROLES.join(', ')}`;

/** Whoever runs the command on the server's own machine acts as an administrator would. */
const OPERATOR: Actor = { id: 'cli:user', name: 'npm run user', roles: ['admin'] };

function readRoles(list: string): Role[] {
  const roles = list.split(',').map((role) => role.trim());
  const unknown = roles.filter((role) => !ROLES.includes(role as Role));
  if (unknown.length > 0) throw new UsageError(`Unknown role ${unknown.join(', ')}.`);
  return roles as Role[];
}

/** `npm run user`: adds a person with a password, or lists the directory, on the store itself. */
export function userCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  output: CommandOutput,
  stdin: () => Promise<string> = () => text(process.stdin),
): Promise<number> {
  return runCommand(output, USER_USAGE, 'The user command failed', async () => {
    const { values, positionals } = parseCommandLine(argv, {
      email: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string' },
    });
    const [action, ...rest] = positionals;
    if (rest.length > 0 || (action !== 'add' && action !== 'list'))
      throw new UsageError('Say add or list.');
    if (action === 'add' && (!values.email || !values.name || !values.roles))
      throw new UsageError('Give --email, --name and --roles.');
    const config = loadConfig(env);
    const storage = await openStorage(config, systemClock);
    try {
      const directory = new StaffDirectory(storage, systemClock, createCaseDecider(config.policy));
      if (action === 'list') {
        for (const person of await directory.list())
          output.out(
            [
              person.email,
              person.name,
              person.roles.join(','),
              person.active ? 'active' : 'deactivated',
            ].join('\t'),
          );
        return 0;
      }
      const roles = readRoles(values.roles!);
      const password = (await stdin()).replace(/\r?\n$/, '');
      const problem = passwordProblem(password, values.email);
      if (problem) throw new OperationRefusedError(`The password will not do: ${problem}`);
      const personId = randomUUID();
      try {
        await directory.execute(
          {
            type: 'AddPerson',
            actor: OPERATOR,
            data: { personId, name: values.name!, email: values.email!, roles },
          },
          { actor: OPERATOR, correlationId: randomUUID() },
        );
      } catch (error) {
        if (error instanceof DomainError) throw new OperationRefusedError(error.message);
        throw error;
      }
      await new AccountService(storage, systemClock, directory).setPassword(personId, password);
      output.out(`Added ${values.name} <${values.email}> as ${roles.join(', ')}.`);
      return 0;
    } finally {
      await storage.close();
    }
  });
}
