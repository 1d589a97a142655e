import type { ProjectionStatus, RebuildAnswer } from '#read-models';

/** What each read model serves, in words; one not named here goes by its code. */
const READ_MODEL_WORDS: Partial<Record<string, string>> = {
  'case-queue': 'Case queue (the worklist and the API’s queue)',
  'monthly-statistics': 'Monthly statistics (the dashboard and reports)',
  themes: 'Themes (categories by month)',
};

export interface ReadModelView {
  name: string;
  generation: number;
  checkpoint: number | null;
  lag: string;
}

/** The read models as the page shows them: one row each, and the rebuild under way. */
export interface ReadModelsView {
  models: ReadModelView[];
  upToDate: boolean;
  rebuilding: boolean;
  progress: { handled: number; of: number; percent: number } | null;
  failed: string | null;
}

const plural = (n: number, one: string) =>
  `${n.toLocaleString('en-GB')} ${one}${n === 1 ? '' : 's'}`;

/** How far behind the event store a read model is, in words. */
export function lagInWords({ lagEvents, lagSeconds }: ProjectionStatus): string {
  if (lagEvents === 0) return 'Up to date';
  return `${plural(lagEvents, 'event')} behind; the oldest was recorded ${lagSeconds} seconds ago`;
}

export function readModelsView(statuses: readonly ProjectionStatus[]): ReadModelsView {
  const progress = statuses.find((s) => s.rebuildProgress)?.rebuildProgress ?? null;
  return {
    models: statuses.map((status) => ({
      name: READ_MODEL_WORDS[status.name] ?? status.name,
      generation: status.generation,
      checkpoint: status.checkpoint,
      lag: lagInWords(status),
    })),
    upToDate: statuses.every((s) => s.lagEvents === 0 && s.failed === null),
    rebuilding: statuses.some((s) => s.rebuilding),
    progress: progress && {
      ...progress,
      percent:
        progress.of === 0 ? 100 : Math.min(100, Math.floor((progress.handled * 100) / progress.of)),
    },
    failed: statuses.find((s) => s.failed)?.failed ?? null,
  };
}

/** What the page says once a rebuild has been asked for: started here, or asked of the worker. */
export const REBUILD_BANNERS: Record<RebuildAnswer['status'], { text: string; success: true }> = {
  rebuilding: {
    text: 'The rebuild has started. The current read models serve until it has caught up; its progress shows below.',
    success: true,
  },
  requested: {
    text: 'The rebuild was asked of the server that keeps the read models; it starts within a few seconds.',
    success: true,
  },
};
