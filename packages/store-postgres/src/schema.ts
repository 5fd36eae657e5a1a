/** The table the store uses unless told otherwise. */
export const DEFAULT_TABLE = 'tender_webhook_events';

/**
 * A table name the store may splice into its SQL: an unquoted identifier, optionally schema-qualified
 * (`webhooks.tender_events`). Checked when the store is created, so SQL never meets anything else.
 */
export const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}(?:\.[a-z_][a-z0-9_]{0,62})?$/;

/**
 * The statements that create the table and its index, for {@link PostgresDedupStore.migrate} and for teams
 * that manage their schema themselves (the package README prints them for the default name).
 *
 * - `scope` and `id` together are the key: routers (or environments) that share a database keep their
 *   events apart by giving their stores different scopes; the id already names the provider (`k2:…`).
 * - `expires_at` is in milliseconds since the epoch: the end of a claim's lease while `state = 'claimed'`,
 *   the end of the retention of a handled event once `state = 'done'`. A row past it is free to claim, and
 *   `prune()` deletes it.
 * - `token` names the claim that wrote the row; `complete` and `release` act only while it still matches.
 *
 * @example
 * ```ts
 * await pool.query(createTableSql('tender_webhook_events'));
 * ```
 */
export function createTableSql(table: string): string {
  const index = `${table.slice(table.lastIndexOf('.') + 1)}_expiry`;
  return `CREATE TABLE IF NOT EXISTS ${table} (
  scope text NOT NULL,
  id text NOT NULL,
  state text NOT NULL CHECK (state IN ('claimed', 'done')),
  outcome jsonb,
  token text,
  expires_at bigint NOT NULL,
  PRIMARY KEY (scope, id)
);
CREATE INDEX IF NOT EXISTS ${index} ON ${table} (scope, expires_at);`;
}

/**
 * {@link createTableSql} behind a transaction-scoped advisory lock, as one simple query (which PostgreSQL
 * runs as one implicit transaction): several instances starting together each call `migrate()`, and two
 * concurrent `CREATE TABLE IF NOT EXISTS` can otherwise fail on PostgreSQL's own catalog constraint.
 */
export function migrateSql(table: string): string {
  return `SELECT pg_advisory_xact_lock(hashtext('tender.migrate.' || '${table}'));\n${createTableSql(table)}`;
}
