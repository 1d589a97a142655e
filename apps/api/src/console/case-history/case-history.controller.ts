import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ConsolePages } from '../pages/console-page.decorator';
import type { ConsolePerson } from '../sessions/console-people.port';
import { actorOf, Viewer } from '../sessions/console-request';
import { CasesInView } from '../case-page/case-in-view';
import { caseThen, differenceBetween, historyRows } from './case-history.view';
import { readMoments } from './moments';

/**
 * The audit view, `/cases/<reference>/history`: every event of the case as stored, its hash
 * chain checked on every view, the case as the system knew it at a moment, and what
 * changed between two. For whoever may see the case, as the API's `GET /cases/:id/history`.
 */
@Controller('cases')
@ConsolePages()
export class CaseHistoryPageController {
  constructor(private readonly cases: CasesInView) {}

  @Get(':reference/history')
  async history(
    @Param('reference') reference: string,
    @Query() query: Record<string, unknown>,
    @Viewer() person: ConsolePerson,
    @Res() response: Response,
  ) {
    // The reader loads the case's stream and recomputes its whole hash chain from it.
    const found = await this.cases.load(reference, actorOf(person));
    const context = {
      timeZone: this.cases.policy.timeZone,
      calendar: this.cases.calendar,
      now: found.now,
    };
    const { instants, values, fieldErrors } = readMoments(query, context.timeZone);
    const errors = Object.entries(fieldErrors).map(([id, text]) => ({ text, href: `#${id}` }));
    const { asOf, from, to } = instants;
    const { reference: shown, summary } = found.state;
    response.status(errors.length > 0 ? 400 : 200).render('case-history/history', {
      pageTitle: `History of ${shown}`,
      reference: shown,
      summary,
      caseAddress: `/cases/${shown}`,
      integrity: found.integrity,
      rows: historyRows(found.events, found.integrity.brokenAtRevision),
      asOf: asOf && { instant: asOf, then: caseThen(found, asOf, context) },
      difference: from && to ? differenceBetween(found, [from, to], context) : null,
      values,
      fieldErrors,
      errors,
    });
  }
}
