/** Client id and secret from an HTTP Basic `Authorization` header (RFC 6749, 2.3.1). */
export function basicCredentialsOf(
  authorization: string | undefined,
): [string, string] | undefined {
  const basic = authorization?.match(/^Basic ([A-Za-z0-9+/=]+)$/)?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0) return undefined;
  try {
    return [
      decodeURIComponent(decoded.slice(0, separator)),
      decodeURIComponent(decoded.slice(separator + 1)),
    ];
  } catch {
    // Malformed percent-encoding: as if there were no Basic credentials.
    return undefined;
  }
}

/** The client a token request names, from HTTP Basic or the body, as `/auth/token` reads it. */
export function clientIdOf(authorization: string | undefined, body: unknown): string | undefined {
  const basic = basicCredentialsOf(authorization);
  if (basic) return basic[0].slice(0, 100);
  const clientId =
    typeof body === 'object' && body !== null
      ? (body as { client_id?: unknown }).client_id
      : undefined;
  return typeof clientId === 'string' ? clientId.slice(0, 100) : undefined;
}
