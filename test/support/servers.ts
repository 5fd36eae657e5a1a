// Where the real PostgreSQL and Redis servers of this test run are. The test command (scripts/run-tests.ts)
// starts them and sets these variables; a user with servers of their own sets the variables instead. A
// missing variable fails the suite with the way to fix it: never skipped.

function required(name: string, what: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(
      `${name} is not set: run the tests with "pnpm test" or "node scripts/run-tests.ts <files>", which start ${what}, or point ${name} at one`,
    );
  }
  return value;
}

/** The connection string of the test run's PostgreSQL (its user may create tables). */
export function postgresUrl(): string {
  return required('TENDER_TEST_POSTGRES_URL', 'PostgreSQL');
}

/** The URL of the test run's Redis. */
export function redisUrl(): string {
  return required('TENDER_TEST_REDIS_URL', 'Redis');
}
