import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { describeDatabaseError, isDatabaseUnavailable } from './database-errors.js';

const url = 'postgres://relais:hunter2@db.example:6543/relais_prod';

function errorWithCode(code: string, message = 'boom'): Error {
  return Object.assign(new Error(message), { code });
}

describe('describeDatabaseError', () => {
  it.each([
    ['ECONNREFUSED', 'PostgreSQL at db.example:6543 refused the connection'],
    ['ENOTFOUND', 'The host "db.example" of DATABASE_URL cannot be resolved'],
    ['ETIMEDOUT', 'PostgreSQL at db.example:6543 did not answer in time'],
    ['28P01', 'PostgreSQL at db.example:6543 refused user "relais"'],
    ['3D000', 'The database "relais_prod" does not exist'],
    ['57P03', 'is starting up or shutting down'],
    ['53300', 'has no connection slot left'],
  ])('explains %s in one line, without the password', (code, expected) => {
    const line = describeDatabaseError(errorWithCode(code), url);
    expect(line).toContain(expected);
    expect(line).not.toContain('hunter2');
    expect(line.split('\n')).toHaveLength(1);
  });

  it('finds the cause inside the AggregateError Node raises for several addresses', () => {
    const error = new AggregateError([
      errorWithCode('ECONNREFUSED'),
      errorWithCode('ECONNREFUSED'),
    ]);
    expect(describeDatabaseError(error, url)).toContain('refused the connection');
  });

  it('keeps only the first line of an unknown error', () => {
    const line = describeDatabaseError(new Error('odd failure\n    at somewhere (x.js:1:1)'), url);
    expect(line).toBe('PostgreSQL at db.example:6543 could not be used: odd failure.');
  });
});

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a server shutting down', errorWithCode('57P01')],
    ['a refused connection', errorWithCode('ECONNREFUSED')],
    ['a connection that ended', new Error('Connection terminated unexpectedly')],
    ['a transaction whose connection TypeORM released', new QueryRunnerAlreadyReleasedError()],
    ['a manager whose runner TypeORM released', new QueryRunnerProviderAlreadyReleasedError()],
  ])('says yes for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', errorWithCode('23505')],
    ['a plain bug', new TypeError('x is undefined')],
  ])('says no for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
