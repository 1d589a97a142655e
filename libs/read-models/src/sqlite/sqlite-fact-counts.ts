import type Database from 'better-sqlite3';
import type { Case } from '#domain';
import type { Fact } from '../case-facts';

/** What a case's facts are counted under: its kind and formality (the empty string for none). */
export interface FactKey {
  kind: Case['kind'];
  formality: Case['formality'];
}

/** The map under `key`, made if there is none yet. */
function child<K, V>(parent: Map<K, V>, key: K, make: () => V = () => new Map() as V): V {
  let found = parent.get(key);
  if (found === undefined) {
    found = make();
    parent.set(key, found);
  }
  return found;
}

/** Placeholders for `values` in an `IN (…)` list: a list of none matches nothing. */
export const inList = (values: readonly string[]) => values.map(() => '?').join(', ') || "''";

/**
 * Writes the `fact_counts` table: report facts counted by month, metric, the case's kind
 * and formality, and value. A case's facts are added when it is first written and moved
 * when they change (taken away under what they were counted as, added under what they
 * are). Monthly statistics and themes read it.
 */
export class SqliteFactCounts {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      add: db.prepare<[string, string, string, string, number, number]>(
        `INSERT INTO fact_counts (month, metric, kind, formality, value, count) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET count = count + excluded.count`,
      ),
      dropEmpty: db.prepare<[string, string, string, string, number]>(
        `DELETE FROM fact_counts
         WHERE month = ? AND metric = ? AND kind = ? AND formality = ? AND value = ? AND count = 0`,
      ),
    };
  }

  /** Counts `facts` under `key` once more (`by` 1), or once less (`by` -1). */
  add(facts: readonly Fact[], key: FactKey, by: 1 | -1): void {
    const formality = key.formality ?? '';
    for (const { month, metric, value } of facts) {
      this.statements.add.run(month, metric, key.kind, formality, value, by);
      if (by < 0) this.statements.dropEmpty.run(month, metric, key.kind, formality, value);
    }
  }

  /**
   * A generation being rebuilt counts in memory, as it writes each case (and takes away
   * what a case's earlier write added), and stores the counts once, by `store`. It starts
   * from the cases the file already holds: none, unless it was opened part-filled.
   */
  startTally(): FactTally {
    const tally = new FactTally();
    const cases = this.db
      .prepare<[], { kind: Case['kind']; formality: Case['formality']; facts: string }>(
        'SELECT c.kind, c.formality, r.facts FROM cases c JOIN case_records r ON r.rowid = c.rowid',
      )
      .iterate();
    for (const { kind, formality, facts } of cases)
      tally.add(JSON.parse(facts) as Fact[], { kind, formality }, 1);
    return tally;
  }

  /** Replaces the stored counts with the tally's. */
  store(tally: FactTally): void {
    this.db.exec('DELETE FROM fact_counts');
    for (const [month, metric, kind, formality, value, count] of tally.rows())
      this.statements.add.run(month, metric, kind, formality, value, count);
  }
}

/** Fact counts in memory: month → metric → kind and formality → value → count. */
export class FactTally {
  private readonly counts = new Map<string, Map<string, Map<string, Map<number, number>>>>();

  add(facts: readonly Fact[], { kind, formality }: FactKey, by: 1 | -1): void {
    const key = `${kind}/${formality ?? ''}`; // neither holds a slash
    for (const { month, metric, value } of facts) {
      const byValue = child(child(child(this.counts, month), metric), key, () => new Map());
      byValue.set(value, (byValue.get(value) ?? 0) + by);
    }
  }

  *rows(): Iterable<[string, string, string, string, number, number]> {
    for (const [month, byMetric] of this.counts)
      for (const [metric, byKey] of byMetric)
        for (const [key, byValue] of byKey) {
          const [kind, formality] = key.split('/');
          for (const [value, count] of byValue)
            if (count !== 0) yield [month, metric, kind, formality, value, count];
        }
  }
}
