import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import {
  asCaseEvent,
  CASE_CATEGORY,
  caseIdOf,
  type Actor,
  type CaseCommand,
  type CorrespondenceSent,
} from '#domain';
import {
  comparePositions,
  START,
  type EventStore,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '#event-store';
import type { JobLeases, Lease, SubscriptionCheckpoints } from '#scheduling';
import type { CaseCommandService } from '../cases/case-command.service';
import { emailOf, type EmailMessage } from './email-message';
import { isPermanentRefusal, type MailTransport } from './mail-transport';

/** The dispatcher records deliveries as the system, like the scheduled jobs. */
export const MAIL_ACTOR: Actor = { id: 'system:mail', name: 'mail', roles: [] };
/** Its checkpoint's name, and its lease's: one replica sends at a time. */
export const MAIL_DISPATCHER = 'mail-dispatcher';

/** Tries per e-mail before it is recorded as failed. */
export const MAIL_ATTEMPTS = 5;
/** Waits between tries (the last repeats): a mail server's short outage is ridden out. */
export const RETRY_DELAYS_MS = [2_000, 10_000, 30_000, 120_000] as const;
/** The lease runs this long and is renewed at a third of it. */
const LEASE_TERM_MS = 60_000;

/** Time, injected: tests pass time without waiting for it. */
export interface DispatcherTimers {
  /** Resolves after `ms`, or at once when the signal aborts. */
  wait(ms: number, signal: AbortSignal): Promise<void>;
  /** Calls `task` every `ms` until the returned function is called. */
  every(ms: number, task: () => void): () => void;
}

export const realTimers: DispatcherTimers = {
  wait: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
  every(ms, task) {
    const timer = setInterval(task, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** A letter's e-mail the dispatcher holds: to try (again), after the case's earlier ones. */
interface HeldEmail {
  caseId: string;
  letterId: string;
  message: EmailMessage;
  /** Tries so far; before the first, the case is asked whether it went already. */
  attempts: number;
  /** Where the dispatcher's checkpoint may stand at most while this e-mail is unsettled. */
  before: Position;
}

export interface MailDispatcherParts {
  events: EventStore;
  checkpoints: SubscriptionCheckpoints;
  leases: JobLeases;
  cases: Pick<CaseCommandService, 'load' | 'execute'>;
  transport: MailTransport;
  /** The sender, and the host named in Message-IDs. */
  settings: { from: string; host: string };
  timers: DispatcherTimers;
  /** This process's name in the lease. */
  holder: string;
  log(message: string): void;
}

/**
 * The outbox's dispatcher: follows the case events from its own checkpoint and e-mails each
 * letter sent by e-mail, then records `EmailDelivered` (or, after the last try,
 * `EmailFailed`) through the command path. A letter whose e-mail the case already records
 * as delivered or failed is not sent again, so a restart, a lost checkpoint or a second
 * replica sends nothing twice; the lease keeps replicas from sending at the same time.
 * An e-mail the server refuses for now is tried again later, on its own timer: other cases'
 * e-mails go meanwhile, the same case's wait behind it (a response never overtakes its
 * acknowledgement), and the checkpoint stays before it until it is settled.
 * Commands never wait for it.
 */
export class MailDispatcher {
  private lease: Lease | null = null;
  private subscription: Subscription | null = null;
  private position: Position = START;
  private saved: Position = START;
  /** Per case, the e-mails waiting to be tried again, oldest first; the first one is on a timer. */
  private readonly held = new Map<string, HeldEmail[]>();
  private readonly retries = new Set<Promise<void>>();
  private readonly progress = new EventEmitter();
  private readonly stopping = new AbortController();
  private stopTicking: (() => void) | null = null;
  private ticking: Promise<void> = Promise.resolve();

  constructor(private readonly parts: MailDispatcherParts) {
    this.progress.setMaxListeners(0);
  }

  /** Takes the lease now if it can, and tries again (or renews it) at a third of its term. */
  start(): Promise<void> {
    this.stopTicking = this.parts.timers.every(LEASE_TERM_MS / 3, () => void this.tick());
    return this.tick();
  }

  /** Resolves once every case event stored before the call has been dealt with and no e-mail waits to be tried again. */
  async caughtUp(): Promise<void> {
    const head = await this.parts.events.headPosition(CASE_CATEGORY);
    if (head === null) return;
    await new Promise<void>((resolve) => {
      const check = () => {
        if (comparePositions(this.position, head) < 0 || this.held.size > 0) return;
        this.progress.off('handled', check);
        resolve();
      };
      this.progress.on('handled', check);
      check();
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.stopTicking?.();
    await this.ticking;
    await Promise.all(this.retries);
    await this.subscription?.stop();
    this.subscription = null;
    if (this.lease) await this.parts.leases.release(this.lease);
    this.lease = null;
    this.parts.transport.close();
  }

  private tick(): Promise<void> {
    this.ticking = this.ticking
      .then(() => this.keepLease())
      .catch((error: unknown) => {
        this.parts.log(`The mail dispatcher could not take or keep its lease: ${String(error)}`);
      });
    return this.ticking;
  }

  private async keepLease(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const { leases, holder } = this.parts;
    this.lease = this.lease
      ? await leases.renew(this.lease, LEASE_TERM_MS)
      : await leases.acquire(MAIL_DISPATCHER, holder, LEASE_TERM_MS);
    if (this.lease === null) {
      await this.subscription?.stop(); // another replica took over, from the checkpoint
      this.subscription = null;
      this.held.clear();
    } else if (this.subscription === null) {
      await this.subscribe();
    }
  }

  private async subscribe(): Promise<void> {
    const after = (await this.parts.checkpoints.load(MAIL_DISPATCHER)) ?? START;
    this.position = after;
    this.saved = after;
    this.subscription = this.parts.events.subscribe({
      after,
      category: CASE_CATEGORY,
      batchSize: 100,
      // Only letters are read: nothing else needs decrypting (a first start reads every event).
      readsDataOf: ['CorrespondenceSent'],
      handle: (batch) => this.handle(batch),
      onError: (error) => {
        // Picked up again from the checkpoint at the next tick.
        this.parts.log(`The mail dispatcher stopped: ${String(error)}`);
        this.subscription = null;
      },
    });
  }

  private async handle(batch: RecordedEvent[]): Promise<void> {
    for (const stored of batch) {
      if (this.stopping.signal.aborted) return;
      const event = asCaseEvent(stored);
      if (event.type === 'CorrespondenceSent') {
        await this.offer(caseIdOf(stored.stream), event);
      }
      this.reached(stored.position);
    }
    await this.saveCheckpoint();
  }

  private reached(position: Position): void {
    this.position = position;
    this.progress.emit('handled');
  }

  /** Sends a letter's e-mail now, or holds it behind its case's e-mail that waits to be tried again. */
  private async offer(caseId: string, sent: CorrespondenceSent): Promise<void> {
    const message = emailOf(sent, this.parts.settings);
    if (message === null) return;
    const email = { caseId, letterId: sent.data.letterId, message, attempts: 0 };
    const waiting = this.held.get(caseId);
    if (waiting) {
      waiting.push({ ...email, before: this.position });
      return;
    }
    const held = { ...email, before: this.position };
    if ((await this.send(held)) === 'later') {
      this.held.set(caseId, [held]);
      this.retryLater(caseId);
    }
  }

  /** Tries the case's first held e-mail again after its wait, then goes on to those behind it. */
  private retryLater(caseId: string): void {
    const queue = this.held.get(caseId)!;
    const first = queue[0]!;
    const wait = RETRY_DELAYS_MS[Math.min(first.attempts, RETRY_DELAYS_MS.length) - 1]!;
    const retry = this.parts.timers
      .wait(wait, this.stopping.signal)
      .then(() => this.sendHeld(caseId, queue))
      .catch((error: unknown) => {
        // Left held: the checkpoint stays before it, so the next start sends it.
        this.parts.log(`The mail dispatcher could not send an e-mail: ${String(error)}`);
      })
      .finally(() => this.retries.delete(retry));
    this.retries.add(retry);
  }

  private async sendHeld(caseId: string, queue: HeldEmail[]): Promise<void> {
    // A queue dropped (lease lost) or replaced meanwhile is no longer this dispatcher's to send.
    if (this.stopping.signal.aborted || this.held.get(caseId) !== queue) return;
    while (queue.length > 0) {
      if ((await this.send(queue[0]!)) === 'later') {
        this.retryLater(caseId);
        break;
      }
      queue.shift();
    }
    if (queue.length === 0) this.held.delete(caseId);
    await this.saveCheckpoint();
    this.progress.emit('handled');
  }

  /** The checkpoint moves up to what was handled, but never past an e-mail still held. */
  private async saveCheckpoint(): Promise<void> {
    const firstHeld = [...this.held.values()]
      .map((queue) => queue[0]!.before)
      .sort(comparePositions)[0];
    const upTo = firstHeld ?? this.position;
    if (comparePositions(upTo, this.saved) <= 0) return;
    this.saved = upTo;
    await this.parts.checkpoints.save(MAIL_DISPATCHER, upTo);
  }

  /**
   * One try at a held e-mail, recording its fate when settled; `later` when the server
   * refused it for now. Before the first try the case says whether it went already.
   */
  private async send(email: HeldEmail): Promise<'settled' | 'later'> {
    const { caseId, letterId, message } = email;
    if (email.attempts === 0) {
      const { state } = await this.parts.cases.load(caseId);
      const letter = state?.letters.find((l) => l.id === letterId);
      if (letter?.emailDelivery !== 'waiting') return 'settled';
      // Erased before it went: the address is gone, and nothing is sent to nobody.
      if (state?.erasure) return 'settled';
    }
    email.attempts += 1;
    try {
      await this.parts.transport.send(message);
    } catch (error) {
      if (email.attempts < MAIL_ATTEMPTS && !isPermanentRefusal(error)) return 'later';
      const reason = error instanceof Error ? error.message : String(error);
      await this.record(caseId, {
        type: 'RecordEmailFailed',
        actor: MAIL_ACTOR,
        data: { letterId, reason: reason.slice(0, 500), attempts: email.attempts },
      });
      return 'settled';
    }
    await this.record(caseId, {
      type: 'RecordEmailDelivered',
      actor: MAIL_ACTOR,
      data: { letterId, messageId: message.messageId },
    });
    return 'settled';
  }

  private async record(caseId: string, command: CaseCommand): Promise<void> {
    await this.parts.cases.execute(caseId, command, {
      context: { actor: MAIL_ACTOR, correlationId: randomUUID() },
    });
  }
}
