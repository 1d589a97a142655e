/** A case whose hash chain does not hold: where it breaks, and which case it is. */
export interface BrokenCaseChain {
  stream: string;
  /** The case's reference, as its first event recorded it (null if that event is gone). */
  reference: string | null;
  brokenAtRevision: number;
}

/** What one run of the `chain-audit` job found. No case content: streams and references only. */
export interface ChainAuditResult {
  /** The correlation id of the run, as in its log line. */
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  casesChecked: number;
  eventsChecked: number;
  /** Every case found broken, in the order the store holds them. */
  broken: BrokenCaseChain[];
  /**
   * Cases holding sealed personal data with no key for it, neither present nor erased: their
   * data cannot be read (absent from results kept before this was checked).
   */
  keysMissing?: { stream: string; reference: string | null }[];
  /** Set when the run stopped before the end (the server shutting down): what it checked is all it says. */
  stoppedEarly: string | null;
}

/** Where the job keeps its runs' results: readable by any replica, kept across restarts. */
export interface ChainAuditResults {
  record(result: ChainAuditResult): Promise<void>;
  /** The result of the run that finished last, or null before the first. */
  latest(): Promise<ChainAuditResult | null>;
  close(): Promise<void>;
}
