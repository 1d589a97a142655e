import { Module } from '@nestjs/common';
import { AccountService } from '../people/account.service';
import { FirstRunSetup } from '../people/first-run-setup';
import { PeopleModule } from '../people/people.module';
import { StaffDirectory } from '../people/staff-directory';
import { AccountController } from './account/account.controller';
import {
  CONSOLE_PEOPLE,
  CONSOLE_SIGN_IN,
  type ConsoleSignIn,
} from './sessions/console-people.port';
import { ConsoleSessionGuard } from './sessions/console-session.guard';
import { ConsoleSessions } from './sessions/console-sessions';
import { SignInController } from './sign-in/sign-in.controller';
import { SetupController } from './setup/setup.controller';
import { WorklistController } from './worklist/worklist.controller';
import { DashboardPageController } from './dashboard/dashboard.controller';
import { LearningPointsPageController } from './reports/learning-points-page.controller';
import { RecordController } from './record/record.controller';
import { FindController } from './find/find.controller';
import { PeopleController } from './people/people.controller';
import { PersonPage } from './people/person-page';
import { ADMIN_PAGE_CONTROLLERS } from './admin/admin-pages';
import { ResetPasswordController } from './people/reset-password.controller';
import { OIDC_SIGN_IN } from './oidc/oidc-sign-in';
import { CasesModule } from '../cases/cases.module';
import { CASE_PAGE_CONTROLLERS, CASE_PAGE_PROVIDERS } from './case-page/case-page.parts';
import { ReportsModule } from '../reports/reports.module';
import { ReportPagesController } from './reports/report-pages.controller';
import { ThemesPagesController } from './reports/themes-pages.controller';
import { CaseHistoryPageController } from './case-history/case-history.controller';
import { CorrespondenceModule } from '../correspondence/correspondence.module';
import { LetterPagesController } from './letters/letter-pages.controller';
import { RetentionPageController } from './data-protection/retention-page.controller';
import { SubjectAccessModule } from '../subject-access/subject-access.module';
import { SubjectAccessPageController } from './subject-access/subject-access-page.controller';

/** The staff console: its pages, and the sessions of the people using them. */
@Module({
  imports: [PeopleModule, CasesModule, ReportsModule, CorrespondenceModule, SubjectAccessModule],
  controllers: [
    SignInController,
    AccountController,
    SetupController,
    PeopleController,
    ResetPasswordController,
    ...ADMIN_PAGE_CONTROLLERS,
    WorklistController,
    DashboardPageController,
    LearningPointsPageController,
    RecordController,
    FindController,
    ReportPagesController,
    ThemesPagesController,
    RetentionPageController,
    SubjectAccessPageController,
    ...OIDC_SIGN_IN.controllers,
    // Before the case page's actions, whose /cases/:reference/:action would take /history.
    CaseHistoryPageController,
    // Before the case page's actions, whose /cases/:reference/:action would take /letters.
    LetterPagesController,
    // Last: the case page's /cases/:reference must not take /cases/new.
    ...CASE_PAGE_CONTROLLERS,
  ],
  providers: [
    ConsoleSessions,
    ConsoleSessionGuard,
    PersonPage,
    { provide: CONSOLE_PEOPLE, useExisting: StaffDirectory },
    {
      provide: CONSOLE_SIGN_IN,
      inject: [AccountService, FirstRunSetup],
      useFactory: (accounts: AccountService, setup: FirstRunSetup): ConsoleSignIn => ({
        signIn: async (email, password, address) => {
          const result = await accounts.signIn(email, password, address);
          // One answer for every refusal: nobody learns whether an address is known or active.
          return result.outcome === 'signed-in' || result.outcome === 'throttled'
            ? result
            : { outcome: 'refused' };
        },
        firstRunPending: () => setup.isPending(),
      }),
    },
    ...OIDC_SIGN_IN.providers,
    ...CASE_PAGE_PROVIDERS,
  ],
  exports: [ConsoleSessions],
})
export class ConsoleModule {}
