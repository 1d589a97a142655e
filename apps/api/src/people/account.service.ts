import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Clock } from '#event-store';
import { InputValidationError } from '../http/problem';
import { CLOCK, STORAGE, type Storage } from '../storage/storage';
import type { SignInOutcome } from '../console/sessions/console-people.port';
import { hashPassword, NO_ACCOUNT_HASH, passwordProblem, verifyPassword } from './passwords';
import { StaffDirectory } from './staff-directory.service';

/** Failed sign-ins allowed per account, and per address, in the window below. */
export const SIGN_IN_LIMITS = { perAccount: 5, perAddress: 20, windowSeconds: 15 * 60 };

/** A password reset link works for this long, once. */
export const RESET_LINK_HOURS = 24;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Local accounts: passwords (checked, throttled) and reset links. The throttle is kept in
 * this process's memory: in the distributed profile each replica counts its own attempts.
 */
@Injectable()
export class AccountService {
  private readonly perAccount = new RateLimiterMemory({
    points: SIGN_IN_LIMITS.perAccount,
    duration: SIGN_IN_LIMITS.windowSeconds,
  });
  private readonly perAddress = new RateLimiterMemory({
    points: SIGN_IN_LIMITS.perAddress,
    duration: SIGN_IN_LIMITS.windowSeconds,
  });

  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: StaffDirectory,
  ) {}

  async signIn(email: string, password: string, address: string): Promise<SignInOutcome> {
    const accountKey = email.trim().toLowerCase();
    const blocked = await this.throttled(accountKey, address);
    if (blocked) return { outcome: 'throttled', retryAfterSeconds: blocked };
    const person = await this.directory.findByEmail(email);
    const hash = person ? await this.storage.accounts.passwordHash(person.id) : undefined;
    // Always one hash's work, so the time taken does not say whether the address is known.
    const matches = await verifyPassword(password, hash ?? NO_ACCOUNT_HASH);
    if (person && hash && matches && person.active) {
      await this.perAccount.delete(accountKey);
      return { outcome: 'signed-in', person };
    }
    await Promise.all([
      this.perAccount.penalty(accountKey, 1),
      this.perAddress.penalty(address, 1),
    ]);
    return { outcome: 'refused' };
  }

  /** Seconds to wait before trying again, when either count is used up. */
  private async throttled(accountKey: string, address: string): Promise<number | null> {
    const [account, fromAddress] = await Promise.all([
      this.perAccount.get(accountKey),
      this.perAddress.get(address),
    ]);
    const waits = [
      account && account.consumedPoints >= SIGN_IN_LIMITS.perAccount ? account.msBeforeNext : 0,
      fromAddress && fromAddress.consumedPoints >= SIGN_IN_LIMITS.perAddress
        ? fromAddress.msBeforeNext
        : 0,
    ];
    const wait = Math.max(...waits);
    return wait > 0 ? Math.ceil(wait / 1000) : null;
  }

  /** Refuses a password the rules do not allow, naming the field `password`. */
  async checkPassword(password: string, email: string): Promise<void> {
    const problem = passwordProblem(password, email);
    if (problem) throw new InputValidationError([{ field: 'password', message: problem }]);
  }

  /** Sets a person's password, after the rules. */
  async setPassword(personId: string, email: string, password: string): Promise<void> {
    await this.checkPassword(password, email);
    await this.storage.accounts.setPasswordHash(personId, await hashPassword(password));
  }

  /** A one-time link's token for the person to choose a new password; shown once, stored hashed. */
  async createResetLink(personId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock().getTime() + RESET_LINK_HOURS * 3_600_000);
    await this.storage.accounts.addResetLink({ tokenHash: sha256(token), personId, expiresAt });
    return token;
  }

  /** Whom a reset link is for, while it is unused and in time. */
  async resetLinkFor(token: string): Promise<string | undefined> {
    const link = await this.storage.accounts.findResetLink(sha256(token));
    if (!link || link.expiresAt.getTime() <= this.clock().getTime()) return undefined;
    return link.personId;
  }

  /** Sets the new password chosen through a reset link, and uses the link up. */
  async resetPassword(token: string, password: string): Promise<string | undefined> {
    const personId = await this.resetLinkFor(token);
    const person = personId ? await this.directory.findById(personId) : undefined;
    if (!person?.active) return undefined;
    await this.setPassword(person.id, person.email, password);
    await this.storage.accounts.takeResetLink(sha256(token));
    return person.id;
  }
}
