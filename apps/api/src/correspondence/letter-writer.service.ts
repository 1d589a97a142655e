import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import {
  asCaseEvent,
  authorise,
  type Actor,
  type Addressee,
  type Case,
  type CaseDecider,
  type LetterTemplate,
  type SendLetter,
  type StoredDocument,
} from '#domain';
import type { Clock } from '#event-store';
import { CASE_DECIDER } from '../cases/case-decider.provider';
import { CaseCommandService, type CommandOptions } from '../cases/case-command.service';
import { loadVisibleCase, type VisibleCase } from '../cases/case-stream';
import { caseIdForKey } from '../cases/commands/idempotency-key';
import { instantInWords } from '../console/rendering/people-time';
import { ApiProblemError } from '../http/problem';
import { CLOCK, STORAGE, type Storage } from '../storage/storage';
import { letterContext } from './letter-context';
import { lettersOf, type LetterRecord } from './letter-list';
import type { SendLetterRequest } from './letter-request';
import { LetterTemplates, type LetterDraft } from './letter-templates';
import { printLetter } from './printed-letter';

/** What sending a letter answers (202): the letter, and the case's new revision. */
export interface SentLetterResult {
  letterId: string;
  letter: LetterRecord;
  id: string;
  reference: string;
  revision: number;
  position: number;
}

export class LetterKeyReusedError extends ApiProblemError {
  constructor() {
    super(
      422,
      'idempotency-key-reused',
      'This Idempotency-Key was already used for a different letter; use a new key for a new letter.',
    );
  }
}

/** The printed copy a letter for post will have, with stand-ins for what printing tells. */
const printedProbe = (letterId: string): StoredDocument => ({
  documentId: letterId,
  filename: 'preflight.pdf',
  mediaType: 'application/pdf',
  size: 0,
  sha256: '0'.repeat(64),
});

const addresseeName = (found: Case, addressedTo: Addressee) =>
  addressedTo === 'representative' && found.representative
    ? found.representative.name
    : found.complainant.name;

/** A retry asks for the letter already sent: the same template, channels and words. */
const sameLetter = (letter: LetterRecord, request: SendLetterRequest, addressedTo: Addressee) =>
  letter.template === request.template &&
  letter.addressedTo === addressedTo &&
  letter.channels.join() === request.channels.join() &&
  (request.subject === undefined || request.subject === letter.subject) &&
  (request.body === undefined || request.body === letter.body);

/**
 * Writes to the complainant: drafts from the policy's template, prints the letter for
 * post and keeps it with the case, and records what was sent. Sending e-mail is the
 * dispatcher's, later: nothing here waits for a mail server.
 */
@Injectable()
export class LetterWriter {
  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    @Inject(LetterTemplates) private readonly templates: LetterTemplates,
    private readonly cases: CaseCommandService,
  ) {}

  /** The template's letter for this case, for someone who may see it. */
  async draft(
    caseId: string,
    template: LetterTemplate,
    addressedTo: Addressee,
    actor: Actor,
  ): Promise<LetterDraft> {
    return this.draftFor(await this.visible(caseId, actor), template, addressedTo, actor);
  }

  /** Whether the domain would let this person write to the complainant on this case. */
  mayWrite(found: Case, actor: Actor): boolean {
    const probe: SendLetter = {
      type: 'SendLetter',
      actor,
      data: {
        letterId: 'probe',
        template: 'acknowledgement',
        channels: ['post'],
        addressedTo: 'complainant',
        subject: '',
        body: '',
      },
    };
    try {
      authorise(probe, found, this.decider.policy);
      return true;
    } catch {
      return false;
    }
  }

  async letters(caseId: string, actor: Actor): Promise<LetterRecord[]> {
    return lettersOf((await this.visible(caseId, actor)).events.map(asCaseEvent));
  }

  async send(
    caseId: string,
    request: SendLetterRequest,
    options: CommandOptions & { idempotencyKey?: string },
  ): Promise<SentLetterResult> {
    const { actor } = options.context;
    const loaded = await this.visible(caseId, actor);
    const addressedTo = request.addressedTo ?? 'complainant';
    const key = options.idempotencyKey;
    const letterId = key ? caseIdForKey(actor.id, `letter ${caseId} ${key}`) : randomUUID();
    const earlier = lettersOf(loaded.events.map(asCaseEvent)).find((l) => l.letterId === letterId);
    if (earlier && !sameLetter(earlier, request, addressedTo)) throw new LetterKeyReusedError();
    const draft = earlier ?? this.wordsOf(loaded, request, addressedTo, actor);
    const command: SendLetter = {
      type: 'SendLetter',
      actor,
      data: {
        letterId,
        template: request.template,
        channels: request.channels,
        addressedTo,
        subject: draft.subject,
        body: draft.body,
        ...(request.email !== undefined && { email: request.email }),
      },
    };
    if (!earlier && request.channels.includes('post')) {
      // Everything is checked before the letter is printed and stored.
      const probe = { ...command, data: { ...command.data, printed: printedProbe(letterId) } };
      await this.cases.preflight(caseId, probe, options);
      command.data.printed = await this.print(loaded.state, command);
    }
    const result = await this.cases.execute(caseId, command, options);
    const after = await this.visible(caseId, actor);
    const letter = lettersOf(after.events.map(asCaseEvent)).find((l) => l.letterId === letterId)!;
    const { id, reference, revision, position } = result;
    return { letterId, letter, id, reference, revision, position };
  }

  private visible(caseId: string, actor: Actor): Promise<VisibleCase> {
    return loadVisibleCase(this.storage.events, caseId, actor);
  }

  private wordsOf(
    loaded: VisibleCase,
    request: SendLetterRequest,
    addressedTo: Addressee,
    actor: Actor,
  ): LetterDraft {
    if (request.subject !== undefined && request.body !== undefined)
      return { subject: request.subject, body: request.body };
    const draft = this.draftFor(loaded, request.template, addressedTo, actor);
    return { subject: request.subject ?? draft.subject, body: request.body ?? draft.body };
  }

  private draftFor(
    loaded: VisibleCase,
    template: LetterTemplate,
    addressedTo: Addressee,
    actor: Actor,
  ): LetterDraft {
    const context = letterContext(
      loaded.state,
      loaded.events.map(asCaseEvent),
      this.decider.policy,
      {
        to: addresseeName(loaded.state, addressedTo),
        writer: { id: actor.id, name: actor.name ?? actor.id },
        now: this.clock(),
      },
    );
    return this.templates.draft(template, context);
  }

  /** The letter as a PDF, stored by its SHA-256; the document is the letter, so shares its id. */
  private async print(found: Case, command: SendLetter): Promise<StoredDocument> {
    const { letterId, addressedTo, subject, body } = command.data;
    const pdf = await printLetter({
      organisation: this.decider.policy.organisation,
      date: instantInWords(this.clock(), this.decider.policy.timeZone),
      to: addresseeName(found, addressedTo),
      reference: found.reference,
      subject,
      body,
    });
    const staged = await this.storage.staging.stage(Readable.from([pdf]));
    try {
      const { storedAs } = await this.storage.caseDocuments.put(found.id, staged);
      return {
        documentId: letterId,
        filename: `${found.reference}-${command.data.template}-letter.pdf`,
        mediaType: 'application/pdf',
        size: staged.size,
        sha256: staged.sha256,
        storedAs,
      };
    } finally {
      await this.storage.staging.discard(staged);
    }
  }
}
