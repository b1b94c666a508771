import { createHash, createHmac } from 'node:crypto';
import { auditChainKeyFrom } from '@relais/core';
import { AccessGround } from './access-ground.js';
import {
  accessLogCanonical,
  accessLogHash,
  checkAccessLogHead,
  checkAccessLogRow,
  type AccessLogChainRow,
} from './access-log.verifier.js';

const GENESIS = Buffer.alloc(32);
const KEY = auditChainKeyFrom({ AUDIT_CHAIN_KEY: 'the-key-of-the-verifier-unit-tests-00000' });

/** A row as the writer would chain it after `previous` (or first, after 32 zero bytes). */
function chained(
  previous: AccessLogChainRow | undefined,
  fields: Partial<AccessLogChainRow> = {},
): AccessLogChainRow {
  const row = {
    id: previous ? String(Number(previous.id) + 1) : '42',
    territoryId: 'b7c1d7a2-3f4e-4a5b-8c9d-0e1f2a3b4c5d',
    personId: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
    accountId: null,
    membershipId: '11111111-2222-4333-8444-555555555555',
    clientId: null,
    ground: AccessGround.TEAM_MEMBER,
    accessedAt: new Date('2026-03-01T10:20:30.456+01:00'),
    prevHash: previous?.hash ?? GENESIS,
    hash: Buffer.alloc(0),
    ...fields,
  };
  return { ...row, hash: accessLogHash(KEY, row) };
}

describe('the access log chain, rebuilt in Node', () => {
  it('writes the canonical line of access_log_canonical(), empty fields for nulls', () => {
    expect(accessLogCanonical(chained(undefined))).toBe(
      '42|b7c1d7a2-3f4e-4a5b-8c9d-0e1f2a3b4c5d|0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9|' +
        '|11111111-2222-4333-8444-555555555555||TEAM_MEMBER|2026-03-01T09:20:30.456Z',
    );
  });

  it('hashes with the key: HMAC-SHA-256(key, prev_hash ‖ canonical in UTF-8)', () => {
    const row = chained(undefined);
    const expected = createHmac('sha256', 'the-key-of-the-verifier-unit-tests-00000')
      .update(GENESIS)
      .update(accessLogCanonical(row), 'utf8')
      .digest();
    expect(accessLogHash(KEY, row)).toEqual(expected);
    // Not the unkeyed SHA-256 of before, which anyone could recompute.
    expect(accessLogHash(KEY, row)).not.toEqual(
      createHash('sha256').update(GENESIS).update(accessLogCanonical(row), 'utf8').digest(),
    );
  });

  it('names a row hashed with another key by a hash mismatch', () => {
    const other = auditChainKeyFrom({ AUDIT_CHAIN_KEY: 'another-key-of-forty-characters-0000000' });
    const row = chained(undefined);
    expect(checkAccessLogRow(other, undefined, row)).toMatchObject({
      id: '42',
      reason: 'hash mismatch',
    });
  });

  it('accepts an intact chain from the genesis, or from the anchor retention left', () => {
    const first = chained(undefined);
    const second = chained(first);
    expect(checkAccessLogRow(KEY, undefined, first)).toBeUndefined();
    expect(checkAccessLogRow(KEY, first, second)).toBeUndefined();
    expect(
      checkAccessLogHead({ lastId: second.id, lastHash: second.hash }, second),
    ).toBeUndefined();
    // Retention purged `first`: the anchor keeps its id and hash, and `second` follows it.
    expect(
      checkAccessLogRow(KEY, undefined, second, {
        lastPurgedId: first.id,
        lastPurgedHash: first.hash,
      }),
    ).toBeUndefined();
  });

  it('names a first row that follows neither the genesis nor the anchor by a broken link', () => {
    const first = chained(undefined);
    const second = chained(first);
    const third = chained(second);
    // Rows removed from the beginning with no purge recorded.
    expect(checkAccessLogRow(KEY, undefined, second)).toMatchObject({
      id: '43',
      reason: 'broken link',
      detail: expect.stringContaining('nothing was purged') as string,
    });
    // More rows removed than the anchor says were purged.
    expect(
      checkAccessLogRow(KEY, undefined, third, {
        lastPurgedId: first.id,
        lastPurgedHash: first.hash,
      }),
    ).toMatchObject({ id: '44', reason: 'broken link' });
    // A row the anchor says was purged is still there (an anchor moved to a forged row).
    expect(
      checkAccessLogRow(KEY, undefined, first, { lastPurgedId: first.id, lastPurgedHash: GENESIS }),
    ).toMatchObject({ id: '42', reason: 'broken link' });
  });

  it('names an altered row by a hash mismatch', () => {
    const first = chained(undefined);
    const altered = { ...chained(first), ground: AccessGround.PARTNER_CLIENT };
    expect(checkAccessLogRow(KEY, first, altered)).toMatchObject({
      id: '43',
      reason: 'hash mismatch',
    });
  });

  it('names a row whose predecessor is gone or rewritten by a broken link', () => {
    const first = chained(undefined);
    const second = chained(first);
    const third = chained(second);
    expect(checkAccessLogRow(KEY, first, third)).toMatchObject({ id: '44', reason: 'broken link' });
  });

  it('reports a missing tail, a missing head or another last hash as a head mismatch', () => {
    const first = chained(undefined);
    const second = chained(first);
    expect(checkAccessLogHead({ lastId: second.id, lastHash: second.hash }, first)).toMatchObject({
      id: '42',
      reason: 'head mismatch',
    });
    expect(checkAccessLogHead({ lastId: first.id, lastHash: GENESIS }, first)).toMatchObject({
      id: '42',
      reason: 'head mismatch',
    });
    expect(checkAccessLogHead(null, first)).toMatchObject({ reason: 'head mismatch' });
    expect(checkAccessLogHead({ lastId: '42', lastHash: first.hash }, undefined)).toMatchObject({
      id: null,
      reason: 'head mismatch',
    });
    expect(checkAccessLogHead(null, undefined)).toBeUndefined();
  });
});
