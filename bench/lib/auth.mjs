/** Signing in without DEV_SIGN_IN: a session row per account and a token signed with its secret. */
import { SignJWT } from 'jose';

/** An access token as AccessTokenService.issue signs it (libs/identity), for a bench session. */
export function accessToken(secret, accountId, sessionId) {
  return new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(accountId)
    .setIssuer('relais')
    .setAudience('relais-api')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));
}

/**
 * One session per account (amr `{bench}`), as one sign-in of that caseworker: every socket and
 * request of the account uses it, as the tabs of one browser would. Returns the tokens by account
 * and the session ids, for `endSessions`.
 */
export async function openSessions(client, secret, accountIds) {
  const { rows } = await client.query(
    `INSERT INTO session (account_id, amr)
     SELECT account_id, '{bench}' FROM unnest($1::uuid[]) AS account_id
     RETURNING id, account_id`,
    [[...new Set(accountIds)]],
  );
  const tokens = new Map();
  for (const row of rows)
    tokens.set(row.account_id, await accessToken(secret, row.account_id, row.id));
  return { tokens, sessionIds: rows.map((row) => row.id) };
}

/** Deletes the bench's sessions once its servers are stopped: they leave nothing behind. */
export async function endSessions(client, sessionIds) {
  if (sessionIds.length === 0) return;
  await client.query(`DELETE FROM session WHERE id = ANY($1::uuid[]) AND amr = '{bench}'`, [
    sessionIds,
  ]);
}
