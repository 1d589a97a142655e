import { Controller, Get, Inject, Logger, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RebuildInProgressError, type ReadSide } from '#read-models';
import type { RequestContext } from '../../http/request-context';
import { PROJECTIONS } from '../../projections/projections.module';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleContext } from '../sessions/console-request';
import { requireAdministrator } from './admin-access';
import { readModelsView, REBUILD_BANNERS } from './read-models-view';

/**
 * The read models for administrators: how far each has got, and a rebuild (replaying every
 * event into a new generation while the current one serves) with its progress.
 */
@Controller('admin/read-models')
@ConsolePages()
export class ReadModelsPageController {
  private readonly logger = new Logger('Projections');

  constructor(@Inject(PROJECTIONS) private readonly projections: ReadSide) {}

  @Get()
  async show(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Query('rebuild') rebuild: unknown,
  ) {
    requireAdministrator(context);
    const banner =
      rebuild === 'rebuilding' || rebuild === 'requested' ? REBUILD_BANNERS[rebuild] : undefined;
    await this.render(response, 'admin/read-models', { banner });
  }

  /** The status region alone: what the page's script puts in place while a rebuild runs. */
  @Get('status')
  async status(@ConsoleContext() context: RequestContext, @Res() response: Response) {
    requireAdministrator(context);
    await this.render(response, 'admin/read-model-status', {});
  }

  @Get('rebuild')
  async confirm(@ConsoleContext() context: RequestContext, @Res() response: Response) {
    requireAdministrator(context);
    await this.render(response, 'admin/rebuild', {});
  }

  @Post('rebuild')
  async rebuild(@ConsoleContext() context: RequestContext, @Res() response: Response) {
    requireAdministrator(context);
    try {
      const answer = await this.projections.requestRebuild(context.actor.id);
      this.logger.log(`Rebuild asked for by ${context.actor.id}: ${JSON.stringify(answer)}`);
      response.redirect(303, `/admin/read-models?rebuild=${answer.status}`);
    } catch (error) {
      if (!(error instanceof RebuildInProgressError)) throw error;
      await this.render(
        response,
        'admin/read-models',
        { banner: { text: 'A rebuild is already running, so another was not started.' } },
        409,
      );
    }
  }

  private async render(
    response: Response,
    view: string,
    extra: Record<string, unknown>,
    status = 200,
  ) {
    const readModels = readModelsView(await this.projections.status());
    response.status(status).render(view, { pageTitle: 'Read models', readModels, ...extra });
  }
}
