import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError, type Actor, type StaffMember } from '#domain';
import type { Clock } from '#event-store';
import { CLOCK, STORAGE, type Storage } from '../storage/storage';
import type { ApiTokenRecord } from './account-store.port';
import { hashPassword, verifyPassword } from './password-hash';
import { passwordProblem } from './password-rules';
import { StaffDirectory } from './staff-directory';

/** Failed sign-ins allowed per account, and per address, in each window. */
export const SIGN_IN_LIMITS = { perAccount: 5, perAddress: 20, windowSeconds: 15 * 60 } as const;
export const RESET_LINK_LIFETIME_MS = 24 * 3600 * 1000;
export const API_TOKEN_LIFETIME_DAYS = { usual: 90, longest: 365 } as const;
export const API_TOKEN_PREFIX = 'clf_';

export type SignInResult =
  | { outcome: 'signed-in'; person: StaffMember }
  | { outcome: 'wrong-email-or-password' }
  | { outcome: 'throttled'; retryAfterSeconds: number }
  | { outcome: 'deactivated' };

/** A password that breaks the rules, or a reset link that is unknown, used or out of date. */
export class AccountRefusedError extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super('invalid', code, message, field);
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const DAY_MS = 24 * 3600 * 1000;
/** A token's last use is recorded to the minute: one write a minute, whatever the traffic. */
const LAST_USE_PRECISION_MS = 60_000;

/**
 * Passwords, sign-in and its throttling, reset links and personal API tokens. The
 * throttle counts in this process's memory: with several replicas each counts its own
 * (so a guesser gets at most that many times the limit).
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
  /** Hashed against when the e-mail is unknown, so an unknown address takes as long to refuse. */
  private readonly decoy: Promise<string>;

  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: StaffDirectory,
  ) {
    this.decoy = hashPassword(randomBytes(16).toString('hex'));
  }

  async signIn(email: string, password: string, address: string): Promise<SignInResult> {
    const accountKey = email.trim().toLowerCase();
    const blocked = await this.blockedFor(accountKey, address);
    if (blocked > 0) return { outcome: 'throttled', retryAfterSeconds: blocked };
    const person = await this.directory.findByEmail(email);
    const stored = person ? await this.storage.accounts.passwordHash(person.id) : null;
    const matches = await verifyPassword(password, stored ?? (await this.decoy));
    if (!person || !stored || !matches) {
      await Promise.all([
        this.perAccount.penalty(accountKey, 1),
        this.perAddress.penalty(address, 1),
      ]);
      return { outcome: 'wrong-email-or-password' };
    }
    if (!person.active) return { outcome: 'deactivated' };
    await this.perAccount.delete(accountKey);
    return { outcome: 'signed-in', person };
  }

  /** Seconds until the account or the address may try again; 0 when they may now. */
  private async blockedFor(accountKey: string, address: string): Promise<number> {
    const [account, fromAddress] = await Promise.all([
      this.perAccount.get(accountKey),
      this.perAddress.get(address),
    ]);
    const wait = (used: RateLimiterRes | null, limit: number) =>
      used && used.consumedPoints >= limit ? Math.ceil(used.msBeforeNext / 1000) : 0;
    return Math.max(
      wait(account, SIGN_IN_LIMITS.perAccount),
      wait(fromAddress, SIGN_IN_LIMITS.perAddress),
    );
  }

  async setPassword(personId: string, password: string): Promise<void> {
    const person = await this.directory.findById(personId);
    if (!person) throw new AccountRefusedError('person-not-found', 'There is no such person.');
    const problem = passwordProblem(password, person.email);
    if (problem) throw new AccountRefusedError('password-rejected', problem, 'password');
    await this.storage.accounts.setPasswordHash(
      personId,
      await hashPassword(password),
      this.clock(),
    );
  }

  /** A one-time link's token, given back once: only its SHA-256 is kept. */
  async createResetLink(personId: string): Promise<{ token: string; expiresAt: string }> {
    if (!(await this.directory.findById(personId)))
      throw new AccountRefusedError('person-not-found', 'There is no such person.');
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + RESET_LINK_LIFETIME_MS).toISOString();
    await this.storage.accounts.addResetLink({
      tokenHash: sha256(token),
      personId,
      createdAt: now.toISOString(),
      expiresAt,
    });
    return { token, expiresAt };
  }

  /**
   * Sets the password the link is for. A password the rules refuse leaves the link as it
   * was, so the person can try another; a password taken uses it up.
   */
  async resetPassword(token: string, newPassword: string): Promise<StaffMember> {
    const problem = passwordProblem(newPassword);
    if (problem) throw new AccountRefusedError('password-rejected', problem, 'password');
    const link = await this.storage.accounts.takeResetLink(sha256(token));
    if (!link || Date.parse(link.expiresAt) <= this.clock().getTime())
      throw new AccountRefusedError(
        'reset-link-unusable',
        'This link has been used or is out of date: ask an administrator for a new one.',
      );
    await this.setPassword(link.personId, newPassword);
    return (await this.directory.findById(link.personId))!;
  }

  /** `clf_…`, given back once; kept as its SHA-256. */
  async createApiToken(
    personId: string,
    name: string,
    lifetimeDays: number = API_TOKEN_LIFETIME_DAYS.usual,
  ): Promise<{ token: string; record: ApiTokenRecord }> {
    if (
      !Number.isInteger(lifetimeDays) ||
      lifetimeDays < 1 ||
      lifetimeDays > API_TOKEN_LIFETIME_DAYS.longest
    )
      throw new AccountRefusedError(
        'token-lifetime',
        `A token lasts 1 to ${API_TOKEN_LIFETIME_DAYS.longest} days.`,
        'expiresInDays',
      );
    const person = await this.directory.findById(personId);
    if (!person) throw new AccountRefusedError('person-not-found', 'There is no such person.');
    // A deactivated person's tokens do not work (actorForApiToken): one made now never would.
    if (!person.active)
      throw new AccountRefusedError(
        'person-deactivated',
        `${person.name} is deactivated: reactivate them before giving them a token.`,
        'name',
      );
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const now = this.clock();
    const record: ApiTokenRecord = {
      id: randomUUID(),
      personId,
      name: name.trim().slice(0, 100) || 'API token',
      tokenHash: sha256(token),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + lifetimeDays * DAY_MS).toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.storage.accounts.addApiToken(record);
    return { token, record };
  }

  /**
   * The person a personal token speaks for, with their roles as the directory has them now;
   * null for a token unknown, revoked, out of date, or of someone deactivated. Its last use
   * is written at most once a minute.
   */
  async actorForApiToken(token: string): Promise<Actor | null> {
    const record = await this.storage.accounts.apiTokenByHash(sha256(token));
    const now = this.clock();
    if (!record || record.revokedAt !== null || Date.parse(record.expiresAt) <= now.getTime())
      return null;
    const person = await this.directory.findById(record.personId);
    if (!person?.active) return null;
    const lastUsed = record.lastUsedAt === null ? -Infinity : Date.parse(record.lastUsedAt);
    if (now.getTime() - lastUsed >= LAST_USE_PRECISION_MS)
      await this.storage.accounts.markApiTokenUsed(record.id, now);
    return { id: person.id, name: person.name, roles: person.roles };
  }

  /** Whether the person gets the daily digest e-mail (everyone does until they turn it off). */
  async wantsDigest(personId: string): Promise<boolean> {
    return !(await this.storage.accounts.digestOptOuts()).has(personId);
  }

  setDigestWanted(personId: string, wanted: boolean): Promise<void> {
    return this.storage.accounts.setDigestWanted(personId, wanted);
  }

  listApiTokens(personId: string): Promise<ApiTokenRecord[]> {
    return this.storage.accounts.apiTokensOf(personId);
  }

  revokeApiToken(personId: string, tokenId: string): Promise<boolean> {
    return this.storage.accounts.revokeApiToken(personId, tokenId, this.clock());
  }
}
