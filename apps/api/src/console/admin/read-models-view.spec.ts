import type { ProjectionStatus } from '#read-models';
import { lagInWords, readModelsView, REBUILD_BANNERS } from './read-models-view';

const status = (name: string, extra: Partial<ProjectionStatus> = {}): ProjectionStatus => ({
  name,
  generation: 2,
  checkpoint: 1200,
  lagEvents: 0,
  lagSeconds: 0,
  rebuilding: false,
  rebuildProgress: null,
  failed: null,
  ...extra,
});

describe('the read models as the administration page shows them', () => {
  it('names each read model, with its generation, checkpoint and lag', () => {
    const view = readModelsView([status('case-queue'), status('themes'), status('new-model')]);
    expect(view).toEqual({
      models: [
        {
          name: expect.stringContaining('Case queue'),
          generation: 2,
          checkpoint: 1200,
          lag: 'Up to date',
        },
        {
          name: expect.stringContaining('Themes'),
          generation: 2,
          checkpoint: 1200,
          lag: 'Up to date',
        },
        { name: 'new-model', generation: 2, checkpoint: 1200, lag: 'Up to date' },
      ],
      upToDate: true,
      rebuilding: false,
      progress: null,
      failed: null,
    });
  });

  it('says how far behind they are', () => {
    expect(lagInWords(status('themes', { lagEvents: 1, lagSeconds: 0.4 }))).toBe(
      '1 event behind; the oldest was recorded 0.4 seconds ago',
    );
    expect(lagInWords(status('themes', { lagEvents: 12500, lagSeconds: 31 }))).toBe(
      '12,500 events behind; the oldest was recorded 31 seconds ago',
    );
  });

  it('shows a rebuild’s progress as events replayed of all, and a percentage', () => {
    const rebuilding = { rebuilding: true, rebuildProgress: { handled: 2500, of: 10000 } };
    const view = readModelsView([status('case-queue', rebuilding), status('themes', rebuilding)]);
    expect(view.rebuilding).toBe(true);
    expect(view.progress).toEqual({ handled: 2500, of: 10000, percent: 25 });
    expect(
      readModelsView([
        status('themes', { rebuilding: true, rebuildProgress: { handled: 0, of: 0 } }),
      ]).progress?.percent,
    ).toBe(100);
  });

  it('reports a projection that stopped', () => {
    const view = readModelsView([status('themes', { failed: 'ProjectionGapError: gap' })]);
    expect(view.failed).toBe('ProjectionGapError: gap');
    expect(view.upToDate).toBe(false);
  });

  it('says what a rebuild asked for will do, here or on the worker', () => {
    expect(REBUILD_BANNERS.rebuilding.text).toContain(
      'current read models serve until it has caught up',
    );
    expect(REBUILD_BANNERS.requested.text).toContain(
      'asked of the server that keeps the read models',
    );
  });
});
