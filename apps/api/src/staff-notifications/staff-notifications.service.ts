import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { localTimeOf } from '#calendar';
import { type CaseDecider } from '#domain';
import type { Clock } from '#event-store';
import type { CaseSummary, ReadSide } from '#read-models';
import { CASE_DECIDER } from '../cases/case-decider.provider';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { smtpTransport, type MailTransport } from '../correspondence/mail-transport';
import { StaffDirectory } from '../people/staff-directory';
import { PROJECTIONS } from '../projections/projections.module';
import { instantInWords } from '../console/rendering/people-time';
import { dueSoonBy } from '../queries/case-visibility';
import type { NotificationJob } from '../jobs/scheduled-jobs';
import { CLOCK, STORAGE, type Storage } from '../storage/storage';
import { digestsDue, remindersDue, type NoticeSettings, type StaffNotice } from './staff-notices';
import { emptyRunReport, sendOnce, type NotificationRunReport } from './staff-notifier';

/** The digest is not sent before this hour, local time in the policy's zone. */
export const DIGEST_LOCAL_HOUR = 7;

/** Without a mail server nothing is claimed: what is owed then goes once one is configured. */
export const NO_MAIL_SERVER = 'no mail server is configured (CLF_SMTP_URL, CLF_MAIL_FROM)';

const PAGE = 500;

/**
 * The `reminders` and `digest` jobs' work: the open cases from the read models, the people
 * from the staff directory, the notices owed worked out, and each sent once.
 */
@Injectable()
export class StaffNotifications implements OnModuleDestroy {
  private sender: { transport: MailTransport; from: string } | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    @Inject(CASE_DECIDER) private readonly decider: Pick<CaseDecider, 'policy' | 'calendar'>,
    private readonly directory: StaffDirectory,
  ) {
    const { smtpUrl, mailFrom } = config.correspondence;
    this.sender =
      smtpUrl === null || mailFrom === null
        ? null
        : { transport: smtpTransport(smtpUrl), from: mailFrom };
  }

  /** Sends staff e-mails through `transport` from now on: the demo, which has no mail server, keeps them in a folder. */
  sendThrough(transport: MailTransport, from: string): void {
    this.sender?.transport.close();
    this.sender = { transport, from };
  }

  onModuleDestroy(): void {
    this.sender?.transport.close();
  }

  async run(job: NotificationJob, mayGoOn: () => string | null): Promise<NotificationRunReport> {
    const report = emptyRunReport(job, this.clock().toISOString());
    if (this.sender === null) report.stoppedEarly = NO_MAIL_SERVER;
    else if (job === 'digest' && this.localHour() < DIGEST_LOCAL_HOUR)
      report.notYet = `the digest goes from ${DIGEST_LOCAL_HOUR}am`;
    else {
      const notices = await this.noticesFor(job);
      await sendOnce(
        notices,
        {
          log: this.storage.staffNotifications,
          transport: this.sender.transport,
          clock: this.clock,
          settings: { from: this.sender.from, host: this.config.console.publicUrl.hostname },
        },
        report,
        mayGoOn,
      );
    }
    report.finishedAt = this.clock().toISOString();
    return report;
  }

  private async noticesFor(job: NotificationJob): Promise<StaffNotice[]> {
    const [cases, people] = await Promise.all([this.openCases(), this.directory.list()]);
    const settings = this.settings();
    if (job === 'reminders') return remindersDue(cases, people, settings);
    const optedOut = await this.storage.accounts.digestOptOuts();
    return digestsDue(
      cases,
      people.filter((p) => !optedOut.has(p.id)),
      {
        ...settings,
        dueSoonBy: dueSoonBy(this.decider.calendar, settings.now),
        today: this.decider.calendar.localDateOf(settings.now),
      },
    );
  }

  private localHour(): number {
    return Number(localTimeOf(this.clock(), this.decider.policy.timeZone).time.slice(0, 2));
  }

  private settings(): NoticeSettings {
    const { policy, calendar } = this.decider;
    const console = this.config.console.publicUrl;
    return {
      policy,
      calendar,
      now: this.clock(),
      timeInWords: (iso) => instantInWords(iso, policy.timeZone),
      caseLink: (reference) => new URL(`cases/${encodeURIComponent(reference)}`, console).href,
    };
  }

  private async openCases(): Promise<CaseSummary[]> {
    const store = this.projections.store();
    const found: CaseSummary[] = [];
    for (let cursor; ;) {
      const page = await store.page({
        sort: 'dueBy',
        limit: PAGE,
        cursor,
        now: this.clock().toISOString(),
        visibility: { scope: 'all' },
      });
      found.push(...page.items);
      if (page.next === null) return found;
      cursor = page.next;
    }
  }
}
