import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type StaffMember } from '#domain';
import { AccountService, RESET_LINK_LIFETIME_MS } from '../../people/account.service';
import { StaffDirectory } from '../../people/staff-directory';
import { lifetimeItems } from '../account/token-form';
import { personHistoryLines } from '../admin/person-history';
import { roleItems } from './role-choices';

/**
 * A person's page for administrators: their details and roles, the history of their roles
 * and access, the password link and their API tokens. The forms on it (people and their
 * tokens) render it again with what they did or why not.
 */
@Injectable()
export class PersonPage {
  constructor(
    private readonly directory: StaffDirectory,
    private readonly accounts: AccountService,
  ) {}

  /** The person, or the "not found" page. */
  async member(id: string): Promise<StaffMember> {
    const member = await this.directory.findById(id);
    if (!member)
      throw new DomainError(
        'not-found',
        'person-not-found',
        'There is no such person in the staff directory.',
      );
    return member;
  }

  async render(response: Response, id: string, extra: Record<string, unknown>, status = 200) {
    const member = await this.member(id);
    const [history, tokens] = await Promise.all([
      this.directory.historyOf(id),
      this.accounts.listApiTokens(id),
    ]);
    response.status(status).render('people/person', {
      pageTitle: member.name,
      member,
      roleItems: roleItems(member.roles),
      resetLinkHours: RESET_LINK_LIFETIME_MS / 3_600_000,
      history: personHistoryLines(history),
      tokens,
      lifetimes: lifetimeItems(),
      ...extra,
    });
  }
}
