/**
 * The connection-string schemes `@eventstore/db-client` 6 parses. KurrentDB's own
 * `kurrentdb://` and `kurrentdb+discover://` need `@kurrent/kurrentdb-client`; this client
 * refuses them with a parse error, so configuration refuses them first, by name.
 * Kept apart from the adapter so checking configuration does not load the client.
 */
export const ESDB_CONNECTION_SCHEMES = ['esdb', 'esdb+discover'] as const;
