import { randomInt, randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { StaffMember } from '#domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DATA_DIR_ENTRIES } from '../storage/data-dir-entries';
import { STORAGE, type Storage } from '../storage/storage';
import { AccountRefusedError, AccountService, sha256 } from './account.service';
import { passwordProblem } from './password-rules';
import { StaffDirectory } from './staff-directory';

/** Letters and digits nobody misreads (no 0/O, 1/I/L): four groups of four. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 4;
const GROUP_LENGTH = 4;

export function newSetupCode(): string {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(
      '',
    ),
  );
  return groups.join('-');
}

/** As typed: any letter case, with or without the dashes and spaces. */
export const normalisedSetupCode = (typed: string) =>
  typed
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/(.{4})(?!$)/g, '$1-');

export interface FirstAdministrator {
  code: string;
  name: string;
  email: string;
  password: string;
}

/**
 * With nobody in the directory, the server makes a one-time setup code at start, logs it
 * and (embedded) writes it 0600 into the data directory; only its SHA-256 is stored. Whoever
 * has it creates the first administrator. Distributed, each replica starting on an empty
 * directory makes a new code: the one in the latest log line is the one that works.
 */
@Injectable()
export class FirstRunSetup implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstRun');

  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directory: StaffDirectory,
    private readonly accounts: AccountService,
  ) {}

  isPending(): Promise<boolean> {
    return this.directory.isEmpty();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!(await this.isPending())) return;
    const code = newSetupCode();
    await this.storage.accounts.setSetupCode(sha256(code));
    if (this.config.profile === 'embedded')
      await writeFile(this.codeFile(), `${code}\n`, { mode: 0o600 });
    this.logger.warn(
      `Nobody is in the staff directory yet. To create the first administrator, open CLF in a browser and enter the setup code ${code}${this.config.profile === 'embedded' ? ` (also in ${this.codeFile()})` : ''}.`,
    );
  }

  async createFirstAdministrator(details: FirstAdministrator): Promise<StaffMember> {
    const problem = passwordProblem(details.password, details.email);
    if (problem) throw new AccountRefusedError('password-rejected', problem, 'password');
    const codeHash = sha256(normalisedSetupCode(details.code));
    if (!(await this.isPending()) || !(await this.storage.accounts.takeSetupCode(codeHash)))
      throw new AccountRefusedError(
        'setup-code-wrong',
        'That is not the setup code: it is in the server’s log from its start.',
        'code',
      );
    const personId = randomUUID();
    const actor = { id: personId, name: details.name, roles: ['admin' as const] };
    try {
      await this.directory.execute(
        {
          type: 'AddPerson',
          actor,
          data: { personId, name: details.name, email: details.email, roles: ['admin'] },
        },
        { actor, correlationId: randomUUID() },
      );
    } catch (error) {
      await this.storage.accounts.setSetupCode(codeHash); // not used up by a refused name or e-mail
      throw error;
    }
    await this.accounts.setPassword(personId, details.password);
    if (this.config.profile === 'embedded') await rm(this.codeFile(), { force: true });
    return (await this.directory.findById(personId))!;
  }

  private codeFile(): string {
    return join(this.config.dataDir, DATA_DIR_ENTRIES.setupCode);
  }
}
