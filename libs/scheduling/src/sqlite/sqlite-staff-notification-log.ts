import type Database from 'better-sqlite3';
import { openSqlite } from '#event-store';
import type { StaffNotificationLog, StaffNotificationRecord } from '../staff-notification-log.port';

interface Row {
  id: string;
  kind: StaffNotificationRecord['kind'];
  case_id: string | null;
  recipient_id: string;
  email: string;
  claimed_at: string;
  sent_at: string | null;
}

const recordOf = (row: Row): StaffNotificationRecord => ({
  id: row.id,
  kind: row.kind,
  caseId: row.case_id,
  recipientId: row.recipient_id,
  email: row.email,
  claimedAt: row.claimed_at,
  sentAt: row.sent_at,
});

/** The notification log in a SQLite file of its own: operational, not the case record. */
export class SqliteStaffNotificationLog implements StaffNotificationLog {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(filename: string) {
    this.db = openSqlite(filename, 'normal');
    this.db.exec(`CREATE TABLE IF NOT EXISTS staff_notifications (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      case_id TEXT,
      recipient_id TEXT NOT NULL,
      email TEXT NOT NULL,
      claimed_at TEXT NOT NULL,
      sent_at TEXT
    ) STRICT;
    CREATE INDEX IF NOT EXISTS staff_notifications_claimed ON staff_notifications (claimed_at);`);
    this.statements = {
      claim: this.db.prepare(
        `INSERT OR IGNORE INTO staff_notifications (id, kind, case_id, recipient_id, email, claimed_at)
         VALUES (@id, @kind, @caseId, @recipientId, @email, @claimedAt)`,
      ),
      markSent: this.db.prepare('UPDATE staff_notifications SET sent_at = ? WHERE id = ?'),
      release: this.db.prepare('DELETE FROM staff_notifications WHERE id = ? AND sent_at IS NULL'),
      recent: this.db.prepare<[number], Row>(
        'SELECT * FROM staff_notifications ORDER BY claimed_at DESC, id DESC LIMIT ?',
      ),
    };
  }

  async claim(record: Omit<StaffNotificationRecord, 'sentAt'>): Promise<boolean> {
    return this.statements.claim.run(record).changes === 1;
  }

  async markSent(id: string, at: Date): Promise<void> {
    this.statements.markSent.run(at.toISOString(), id);
  }

  async release(id: string): Promise<void> {
    this.statements.release.run(id);
  }

  async recent(limit: number): Promise<StaffNotificationRecord[]> {
    return this.statements.recent.all(limit).map(recordOf);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
