/**
 * The store's SQL for one table. Times are milliseconds since the epoch; "now" is the parameter `$now` when
 * the store was given a clock, else the database's own clock (`statement_timestamp()`, one value for the
 * whole statement), so instances whose clocks drift apart still agree on when a lease ends.
 */
function now(parameter: string): string {
  return `COALESCE(${parameter}::float8, extract(epoch FROM statement_timestamp()) * 1000)`;
}

/**
 * The end of something that starts now and lasts `$duration` ms, as a bigint: rounded up (a lease never
 * ends early) and capped at 2^53 - 1, which means "never" here (and keeps a huge TTL from overflowing).
 */
function until(nowParameter: string, durationParameter: string): string {
  return `LEAST(ceil(${now(nowParameter)} + ${durationParameter}::float8), 9007199254740991)::bigint`;
}

/**
 * The SQL statements of a store on `table`.
 *
 * @example
 * ```ts
 * const sql = statements('tender_webhook_events');
 * await pool.query(sql.release, [scope, key, token]);
 * ```
 */
export function statements(table: string) {
  return {
    /**
     * `$1` scope, `$2` key, `$3` now or NULL, `$4` lease ms, `$5` token. One statement takes the row when it
     * is absent or past its `expires_at` (a lease that ran out, or a handled event whose retention ended)
     * and answers `claimed`; otherwise it answers the row as it was (`claimed`: someone else holds it;
     * `done` with its outcome). No row at all means the row appeared or vanished during the statement (a
     * concurrent claim, a release): the caller answers "in progress", and the provider delivers again.
     */
    claim: `WITH taken AS (
  INSERT INTO ${table} AS held (scope, id, state, outcome, expires_at, token)
  VALUES ($1, $2, 'claimed', NULL, ${until('$3', '$4')}, $5)
  ON CONFLICT (scope, id) DO UPDATE
    SET state = 'claimed', outcome = NULL, expires_at = excluded.expires_at, token = excluded.token
    WHERE held.expires_at <= ${now('$3')}
  RETURNING 1
)
SELECT 'taken' AS state, NULL::jsonb AS outcome FROM taken
UNION ALL
SELECT state, outcome FROM ${table} WHERE scope = $1 AND id = $2 AND NOT EXISTS (SELECT 1 FROM taken)`,
    /**
     * `$1` scope, `$2` key, `$3` outcome JSON, `$4` now or NULL, `$5` retention ms, `$6` token or NULL.
     * Records the outcome while `$6` still holds the claim, or once nobody holds the event (no row, or its
     * `expires_at` passed): the handlers did succeed, so a redelivery is acknowledged, not run again. Never
     * over another holder's unexpired claim or an outcome already recorded. Without a token: always.
     */
    complete: `INSERT INTO ${table} AS held (scope, id, state, outcome, expires_at, token)
VALUES ($1, $2, 'done', $3::jsonb, ${until('$4', '$5')}, $6)
ON CONFLICT (scope, id) DO UPDATE
  SET state = 'done', outcome = excluded.outcome, expires_at = excluded.expires_at, token = excluded.token
  WHERE $6::text IS NULL
    OR (held.state = 'claimed' AND held.token = $6::text)
    OR held.expires_at <= ${now('$4')}`,
    /** `$1` scope, `$2` key, `$3` token or NULL: forgets a claim (that token's, when given), never an outcome. */
    release: `DELETE FROM ${table}
WHERE scope = $1 AND id = $2 AND state = 'claimed' AND ($3::text IS NULL OR token = $3::text)`,
    /**
     * `$1` scope, `$2` now or NULL, `$3` batch size: deletes up to a batch of rows past `expires_at`. In
     * batches, so pruning a large backlog never holds many row locks or one long transaction.
     */
    prune: `DELETE FROM ${table} WHERE ctid IN (
  SELECT ctid FROM ${table} WHERE scope = $1 AND expires_at <= ${now('$2')} LIMIT $3
)`,
  } as const;
}
