import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { RequestContext } from '../../http/request-context';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleContext } from '../sessions/console-request';
import { requireAdministrator } from './admin-access';

/** The administration's sections, as the hub lists them. */
export const ADMIN_SECTIONS = [
  {
    href: '/people',
    title: 'People and roles',
    text: 'Add people, change their roles, deactivate them, make password links and API tokens, and see who changed what.',
  },
  {
    href: '/admin/read-models',
    title: 'Read models',
    text: 'How far the worklists, dashboard and reports have caught up with the record, and rebuilding them.',
  },
  {
    href: '/admin/jobs',
    title: 'Scheduled jobs',
    text: 'When each job runs, what its last runs did, and running one now.',
  },
  {
    href: '/admin/outbox',
    title: 'Outbox',
    text: 'E-mails to complainants waiting to go, and those the mail server refused.',
  },
  {
    href: '/admin/system',
    title: 'System',
    text: 'Version, where the data is kept, the policy and its stages, and health.',
  },
] as const;

/** Administration: where an administrator starts. */
@Controller('admin')
@ConsolePages()
export class AdminHubController {
  @Get()
  show(@ConsoleContext() context: RequestContext, @Res() response: Response) {
    requireAdministrator(context);
    response.render('admin/hub', { pageTitle: 'Administration', sections: ADMIN_SECTIONS });
  }
}
