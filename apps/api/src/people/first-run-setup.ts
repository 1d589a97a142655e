import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { StaffMember } from '#domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ApiProblemError } from '../http/problem';
import { DATA_DIR_ENTRIES } from '../storage/data-dir-entries';
import { STORAGE, type Storage } from '../storage/storage';
import { AccountService } from './account.service';
import { StaffDirectory } from './staff-directory.service';

/** Letters and digits nobody misreads (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** `ABCD-EFGH-JKMN-PQRS`: about 80 bits, typed from the log in a few seconds. */
export function newSetupCode(): string {
  const group = () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

const normalise = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export class SetupCodeError extends ApiProblemError {
  constructor() {
    super(400, 'setup-code-wrong', 'That setup code is not the one the server printed at start.', {
      errors: [{ field: 'code', message: 'Enter the setup code the server printed in its log' }],
    });
  }
}

export interface FirstAdministrator {
  code: string;
  name: string;
  email: string;
  password: string;
}

/**
 * The first run: while the staff directory is empty, the server makes a one-time setup
 * code at start, prints it in its log and (embedded) writes it to the data directory,
 * readable by its own account only. Whoever can read it creates the first administrator.
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

  private get codeFile() {
    return join(this.config.dataDir, DATA_DIR_ENTRIES.setupCode);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!(await this.directory.isEmpty())) return;
    const code = newSetupCode();
    await this.storage.accounts.setSetupCodeHash(sha256(normalise(code)).toString('hex'));
    if (this.config.profile === 'embedded')
      await writeFile(this.codeFile, `${code}\n`, { mode: 0o600 });
    this.logger.warn(
      `Nobody can sign in yet. Open the console and create the first administrator with this setup code: ${code}`,
    );
  }

  isPending(): Promise<boolean> {
    return this.directory.isEmpty();
  }

  async createFirstAdministrator(input: FirstAdministrator): Promise<StaffMember> {
    const stored = await this.storage.accounts.setupCodeHash();
    const given = sha256(normalise(input.code));
    if (!stored || !timingSafeEqual(Buffer.from(stored, 'hex'), given)) throw new SetupCodeError();
    const id = randomUUID();
    const actor = { id, name: input.name, roles: ['admin' as const] };
    await this.accounts.checkPassword(input.password, input.email);
    await this.directory.execute(
      { type: 'AddPerson', data: { id, name: input.name, email: input.email, roles: ['admin'] } },
      { actor, correlationId: randomUUID() },
    );
    await this.accounts.setPassword(id, input.email, input.password);
    await this.storage.accounts.setSetupCodeHash(null);
    await rm(this.codeFile, { force: true });
    return (await this.directory.findById(id))!;
  }
}
