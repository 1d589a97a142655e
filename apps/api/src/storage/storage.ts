import { mkdtemp } from 'node:fs/promises';
import { Logger } from '@nestjs/common';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDocumentStore, UploadStaging, type DocumentStore } from '#documents';
import {
  CounterStreamReferenceAllocator,
  SqliteEventStore,
  SqliteReferenceAllocator,
  type Clock,
  type EventStore,
  type ReferenceAllocator,
} from '#event-store';
import {
  InProcessJobLeases,
  SqliteChainAuditResults,
  SqliteJobRunLog,
  SqliteStaffNotificationLog,
  SqliteSubscriptionCheckpoints,
  type ChainAuditResults,
  type JobLeases,
  type JobRunLog,
  type StaffNotificationLog,
  type SubscriptionCheckpoints,
} from '#scheduling';
import { SqliteSessionStore, type SessionStore } from '#sessions';
import {
  CaseDocuments,
  masterKeyOf,
  refuseUnsealedStore,
  SealedEventStore,
  SqliteCaseKeyStore,
  type CaseKeyStore,
} from '#personal-data';
import type { AppConfig } from '../config/app-config';
import type { AccountStore } from '../people/account-store.port';
import { SqliteAccountStore } from '../people/sqlite-account-store';
// Types only from the driver: importing it here loads nothing an embedded server would not.
import { MongoAccountStore } from '../people/mongo-account-store';
import { DATA_DIR_ENTRIES } from './data-dir-entries';

/** Where the application keeps things, for the configured profile (docs/architecture.md, "The two profiles"). */
export interface Storage {
  /** The events as the application reads and writes them: each case's personal data sealed with its own key on the way in, opened on the way out. */
  events: EventStore;
  /** The events as stored (personal data encrypted): what the chain audit verifies. */
  storedEvents: EventStore;
  /** Each case's key: forgetting it erases the case's personal data (docs/personal-data.md). */
  caseKeys: Pick<SealedEventStore, 'keyOf' | 'forget' | 'casesWithoutKey'>;
  /** Each case's documents, encrypted with its key, in `documents`. */
  caseDocuments: CaseDocuments;
  references: ReferenceAllocator;
  documents: DocumentStore;
  /** Where uploads are written while they arrive, before they are checked and stored. */
  staging: UploadStaging;
  /** Who runs each scheduled job: this process (embedded), or one replica at a time (distributed). */
  leases: JobLeases;
  /** What each scheduled job's runs did, for the administration pages. */
  jobRuns: JobRunLog;
  /** Passwords, reset links, API tokens and the setup code: what sign-in keeps beside the directory. */
  accounts: AccountStore;
  /** Who is signed in to the staff console. */
  sessions: SessionStore;
  /** What each run of the chain-audit job found. */
  chainAudits: ChainAuditResults;
  /** Where the mail dispatcher has read the events to. */
  checkpoints: SubscriptionCheckpoints;
  /** Which reminders and digests went to whom: each goes once. */
  staffNotifications: StaffNotificationLog;
  close(): Promise<void>;
}

export const STORAGE = Symbol('Storage');
/** `Storage.chainAudits` on its own: what the chain-audit job last found (`latest()`), for pages that warn of it. */
export const CHAIN_AUDIT_RESULTS = Symbol('ChainAuditResults');
export const CLOCK = Symbol('Clock');

function sealed(stored: EventStore, documents: DocumentStore, keys: CaseKeyStore) {
  const events = new SealedEventStore(stored, keys);
  return {
    events,
    storedEvents: stored,
    caseKeys: events,
    documents,
    caseDocuments: new CaseDocuments(documents, keys),
  };
}

async function embedded(config: AppConfig, clock: Clock): Promise<Storage> {
  // Beside the documents, so a checked upload is moved into the store by a rename.
  const staging = new UploadStaging(join(config.dataDir, DATA_DIR_ENTRIES.uploadStaging));
  await staging.prepare();
  // First: a wrong master key stops the start before anything else is opened.
  const keys = new SqliteCaseKeyStore(
    join(config.dataDir, DATA_DIR_ENTRIES.caseKeys),
    masterKeyOf(config.masterKey),
  );
  const events = new SqliteEventStore({
    filename: join(config.dataDir, DATA_DIR_ENTRIES.events),
    clock,
  });
  await refuseUnsealedStore(events).catch(async (error: unknown) => {
    await events.close();
    await keys.close();
    throw error;
  });
  const documents = new FileDocumentStore(join(config.dataDir, DATA_DIR_ENTRIES.documents));
  const accounts = new SqliteAccountStore(join(config.dataDir, DATA_DIR_ENTRIES.accounts));
  const sessions = new SqliteSessionStore(join(config.dataDir, DATA_DIR_ENTRIES.sessions));
  const jobRuns = new SqliteJobRunLog(join(config.dataDir, DATA_DIR_ENTRIES.jobRuns));
  const chainAudits = new SqliteChainAuditResults(
    join(config.dataDir, DATA_DIR_ENTRIES.chainAudits),
  );
  const checkpoints = new SqliteSubscriptionCheckpoints(
    join(config.dataDir, DATA_DIR_ENTRIES.checkpoints),
  );
  const staffNotifications = new SqliteStaffNotificationLog(
    join(config.dataDir, DATA_DIR_ENTRIES.staffNotifications),
  );
  return {
    ...sealed(events, documents, keys),
    references: new SqliteReferenceAllocator(events),
    staging,
    leases: new InProcessJobLeases(clock),
    jobRuns,
    accounts,
    sessions,
    chainAudits,
    checkpoints,
    staffNotifications,
    close: async () => {
      await staffNotifications.close();
      await checkpoints.close();
      await jobRuns.close();
      await chainAudits.close();
      await sessions.close();
      await accounts.close();
      await documents.close();
      await events.close();
      await keys.close();
    },
  };
}

/** The drivers are loaded only here: an embedded server never loads or holds them. */
async function distributed(config: AppConfig, clock: Clock): Promise<Storage> {
  const [
    { EsdbEventStore },
    { MongoClient },
    { GridFsDocumentStore },
    {
      MongoJobLeases,
      MongoJobRunLog,
      MongoChainAuditResults,
      MongoSubscriptionCheckpoints,
      MongoStaffNotificationLog,
    },
    { MongoSessionStore },
    { MongoCaseKeyStore },
  ] = await Promise.all([
    import('#event-store/esdb'),
    import('mongodb'),
    import('#documents/gridfs'),
    import('#scheduling/mongo'),
    import('#sessions/mongo'),
    import('#personal-data/mongo'),
  ]);
  const mongo = await new MongoClient(config.mongodbUri!).connect();
  // First: a wrong master key stops the start before the event store is opened.
  const keys = await MongoCaseKeyStore.open(mongo.db(), masterKeyOf(config.masterKey)).catch(
    async (error: unknown) => {
      await mongo.close();
      throw error;
    },
  );
  const subscriptionLog = new Logger('EventStoreDB');
  const events = new EsdbEventStore({
    connectionString: config.eventStoreConnectionString!,
    clock,
    onSubscriptionDrop: (error, attempt, retrying) =>
      subscriptionLog.warn(
        `The subscription dropped (${attempt} in a row): ${String(error)}; ${retrying ? 'resubscribing' : 'giving up'}`,
      ),
  });
  // A folder of this process's own (0700) in the system's temporary directory.
  const staging = new UploadStaging(await mkdtemp(join(tmpdir(), 'clf-uploads-')));
  await staging.prepare();
  return {
    ...sealed(events, new GridFsDocumentStore(mongo.db()), keys),
    references: new CounterStreamReferenceAllocator(events),
    staging,
    leases: new MongoJobLeases(mongo.db()),
    jobRuns: new MongoJobRunLog(mongo.db()),
    accounts: new MongoAccountStore(mongo.db()),
    sessions: new MongoSessionStore(mongo.db()),
    chainAudits: new MongoChainAuditResults(mongo.db()),
    checkpoints: new MongoSubscriptionCheckpoints(mongo.db()),
    staffNotifications: new MongoStaffNotificationLog(mongo.db()),
    close: async () => {
      await staging.remove();
      await mongo.close();
      await events.close();
    },
  };
}

export async function openStorage(config: AppConfig, clock: Clock): Promise<Storage> {
  return config.profile === 'distributed' ? distributed(config, clock) : embedded(config, clock);
}
