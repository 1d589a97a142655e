import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Clock } from '#event-store';
import type { SessionRecord } from '#sessions';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK, STORAGE, type Storage } from '../../storage/storage';
import { CONSOLE_PEOPLE, type ConsolePeople, type ConsolePerson } from './console-people.port';

/** A session's use is written down at most this often: a page view need not be a write. */
const TOUCH_EVERY_MS = 60_000;

/** What a request to the console carries once its session is known. */
export interface ConsoleVisit {
  session: SessionRecord;
  person: ConsolePerson | null;
  /** Why a signed-in session found on this request had ended, if it had. */
  ended?: 'idle' | 'expired';
}

const token = () => randomBytes(32).toString('base64url');
const idOf = (sessionToken: string) => createHash('sha256').update(sessionToken).digest('hex');

/**
 * Server-side console sessions. The cookie holds a random token and nothing else; the
 * store holds its hash, who it belongs to, and the token its forms must return. Signing
 * in always begins a new session (the visitor's one is discarded), so a session id planted
 * before sign-in is worth nothing after it.
 */
@Injectable()
export class ConsoleSessions {
  readonly cookieName: string;
  private readonly secure: boolean;

  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CONSOLE_PEOPLE) private readonly people: ConsolePeople,
  ) {
    this.secure = config.console.publicUrl.protocol === 'https:';
    // `__Host-`: the browser keeps it only if Secure, host-only and for the whole site.
    this.cookieName = this.secure ? '__Host-clf-session' : 'clf-session';
  }

  /** The request's session, if it has a live one; the person, if it is signed in and still may be. */
  async visit(request: Request): Promise<ConsoleVisit | null> {
    const presented = this.presentedToken(request);
    if (!presented) return null;
    const session = await this.storage.sessions.find(idOf(presented));
    if (!session) return null;
    const now = this.clock();
    const ended = this.endedAt(session, now);
    if (ended) {
      await this.storage.sessions.remove(session.id);
      return session.personId ? { session, person: null, ended } : null;
    }
    const person = session.personId ? await this.people.findById(session.personId) : undefined;
    if (session.personId && !person?.active) {
      await this.storage.sessions.remove(session.id);
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
      await this.storage.sessions.touch(session.id, now);
    return { session, person: person ?? null };
  }

  private endedAt(session: SessionRecord, now: Date): 'idle' | 'expired' | undefined {
    const { sessionIdleSeconds, sessionMaxSeconds } = this.config.console;
    if (now.getTime() - session.createdAt.getTime() >= sessionMaxSeconds * 1000) return 'expired';
    if (now.getTime() - session.lastSeenAt.getTime() >= sessionIdleSeconds * 1000) return 'idle';
    return undefined;
  }

  /** A session for a visitor not signed in yet: it carries the sign-in form's anti-forgery token. */
  begin(response: Response): Promise<SessionRecord> {
    return this.create(response, null);
  }

  /** Signs a person in: a brand-new session, whatever the request came with. */
  async signIn(request: Request, response: Response, personId: string): Promise<SessionRecord> {
    await this.forget(request);
    // Signing in is rare enough to carry the sweeping of sessions past their time.
    await this.removeExpired();
    return this.create(response, personId);
  }

  /** Ends the request's session, signed in or not. */
  async end(request: Request, response: Response): Promise<void> {
    await this.forget(request);
    response.clearCookie(this.cookieName, this.cookieOptions());
  }

  private async forget(request: Request): Promise<void> {
    const presented = this.presentedToken(request);
    if (presented) await this.storage.sessions.remove(idOf(presented));
  }

  /** The session token the browser sent, if any. */
  private presentedToken(request: Request): string | undefined {
    return (request.cookies as Record<string, string> | undefined)?.[this.cookieName];
  }

  /** Ends every session a person has, on every replica (deactivated, or password reset). */
  endAllFor(personId: string): Promise<number> {
    return this.storage.sessions.removeForPerson(personId);
  }

  /** Forgets sessions past their time. */
  private removeExpired(): Promise<number> {
    const now = this.clock().getTime();
    const { sessionIdleSeconds, sessionMaxSeconds } = this.config.console;
    return this.storage.sessions.removeExpired(
      new Date(now - sessionIdleSeconds * 1000),
      new Date(now - sessionMaxSeconds * 1000),
    );
  }

  private async create(response: Response, personId: string | null): Promise<SessionRecord> {
    const sessionToken = token();
    const now = this.clock();
    const session = {
      id: idOf(sessionToken),
      personId,
      csrfToken: token(),
      createdAt: now,
      lastSeenAt: now,
    };
    await this.storage.sessions.create(session);
    response.cookie(this.cookieName, sessionToken, this.cookieOptions());
    return session;
  }

  private cookieOptions() {
    // No Max-Age: the cookie goes when the browser closes; the server ends it sooner.
    return { httpOnly: true, sameSite: 'lax' as const, secure: this.secure, path: '/' };
  }
}

/** Whether a form's anti-forgery token is its session's, compared in constant time. */
export function isSessionsFormToken(session: SessionRecord, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
