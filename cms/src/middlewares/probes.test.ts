import { describe, expect, it } from 'vitest';
import { readiness } from './probes';

describe('readiness', () => {
  it('is ready only once bootstrapped, not stopping, with the database answering', () => {
    expect(readiness({ bootstrapped: true, stopping: false, databaseOk: true })).toEqual({ status: 'ready', code: 200 });
  });
  it('answers 503 while starting, while stopping (whatever else holds) and without the database', () => {
    expect(readiness({ bootstrapped: false, stopping: false, databaseOk: true })).toEqual({ status: 'starting', code: 503 });
    expect(readiness({ bootstrapped: true, stopping: true, databaseOk: true })).toEqual({ status: 'stopping', code: 503 });
    expect(readiness({ bootstrapped: true, stopping: false, databaseOk: false })).toEqual({ status: 'database-unreachable', code: 503 });
  });
});
