import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { CaseDecider } from '#domain';
import type { Clock } from '#event-store';
import { CASE_DECIDER } from '../../cases/case-decider.provider';
import { CLOCK } from '../../storage/storage';
import { ConsolePages } from '../pages/console-page.decorator';
import { readReference } from './case-reference';

/** Longer than any reference: shown back shortened, never whole. */
const MAX_SHOWN = 100;

/**
 * Find by reference, from the header's search form: to the case's page (which shows a case
 * the person may not see as not found, like one that does not exist), or back with an error.
 */
@Controller('find')
@ConsolePages()
export class FindController {
  constructor(
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  find(@Query('reference') typed: unknown, @Res() response: Response) {
    const { policy, calendar } = this.decider;
    const year = Number(calendar.localDateOf(this.clock()).slice(0, 4));
    const reading = readReference(typed, policy.referencePrefix, year);
    if ('reference' in reading) return response.redirect(303, `/cases/${reading.reference}`);
    const text =
      reading.error === 'empty'
        ? 'Enter a case reference'
        : `Enter a case reference like ${reading.example}`;
    response.status(400).render('find/find', {
      pageTitle: 'Find a case',
      reference: typeof typed === 'string' ? typed.slice(0, MAX_SHOWN) : '',
      example: reading.example,
      errors: [{ text, href: '#reference' }],
      referenceError: { text },
    });
  }
}
