/**
 * The read side, in the words of Marten and Emmett:
 *
 * - Async projections. `CaseProjector` folds a batch of case events into each case's
 *   record; the projection daemon, `ProjectionRunner`, feeds it from the event store's
 *   catch-up subscription, starting after the checkpoint the read models hold, and saves
 *   each batch's records with the checkpoint they reach (one atomic write per case).
 * - Read models: the case queue, monthly statistics, themes and the jobs' scheduled-work
 *   index (`CaseQueue`, `MonthlyStatistics`, `Themes`, `ScheduledWorkIndex` in
 *   read-model.port.ts), one class each per adapter, composed by a generation
 *   (`ReadModelStore`) that one `ReadModelWriter` fills.
 * - Blue/green rebuilds: a rebuild replays every event into a new generation while the
 *   current one keeps serving, then `ReadModelGenerations.promote` swaps it in.
 *   `CaseProjections` runs the daemon and rebuilds in this process; `FollowingProjections`
 *   is an API replica's view of a worker's.
 * - Non-stale reads: a command's response carries its position; a query sent with
 *   `X-CLF-Min-Position` waits (`ReadSide.reached`) until the daemon has passed it.
 */
export * from './case-summary';
export * from './case-facts';
export * from './case-record';
export * from './person-keys';
export * from './read-model.port';
export * from './queue-cursor';
export * from './projection/case-projector';
export * from './projection/projection-runner';
export * from './projection/case-projections';
export * from './projection/read-side';
export * from './projection/following-projections';
export * from './sqlite/sqlite-read-model-store';
export * from './sqlite/sqlite-read-model-generations';
export * from './projection/writer-lease';
export { heldByOutbox, type IndexedWork } from './queue-row';
