import { Inject, Injectable } from '@nestjs/common';
import { calendarFor, type Actor } from '#domain';
import type { Clock } from '#event-store';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK } from '../../storage/storage';
import { CaseReader } from '../../cases/case-reader.service';
import type { VisibleCase } from '../../cases/case-stream';
import { offeredActions, type OfferedActions } from './actions/offered-actions';

/** A case as a person looking at it has it: loaded, and what they may do on it now. */
export type CaseInView = VisibleCase & { offered: OfferedActions; now: Date };

/**
 * The case page's and action pages' one way to a case: by reference, through the API's
 * reader (so a case this person may not see is "not found"), with the actions the domain
 * offers them on it now.
 */
@Injectable()
export class CasesInView {
  readonly calendar;

  constructor(
    private readonly reader: CaseReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.calendar = calendarFor(config.policy);
  }

  get policy() {
    return this.config.policy;
  }

  async load(reference: string, actor: Actor): Promise<CaseInView> {
    const visible = await this.reader.loadByReference(reference, actor);
    const now = this.clock();
    return { ...visible, now, offered: offeredActions(visible.state, actor, this.policy, now) };
  }
}
