import { EventStoreDBClient } from '@eventstore/db-client';
import { ESDB_CONNECTION_SCHEMES } from './esdb-connection-schemes';

describe('ESDB_CONNECTION_SCHEMES', () => {
  it.each(ESDB_CONNECTION_SCHEMES)('names a scheme the client parses (%s)', (scheme) => {
    expect(() =>
      EventStoreDBClient.connectionString(`${scheme}://localhost:2113?tls=false`),
    ).not.toThrow();
  });

  it.each(['kurrentdb', 'kurrentdb+discover'])(
    'leaves out what the client refuses (%s)',
    (scheme) => {
      expect(() => EventStoreDBClient.connectionString(`${scheme}://localhost:2113`)).toThrow(
        /expected esdb:\/\/ or esdb\+discover:\/\//,
      );
    },
  );
});
