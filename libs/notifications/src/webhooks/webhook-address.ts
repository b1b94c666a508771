import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where webhooks may go. A partner's endpoint is on the public internet: an address inside the
 * network (loopback, private, link-local, unique-local, multicast, reserved...) would let an
 * admin make the API call its neighbours. Tests and development set `allowPrivateAddresses`
 * (WEBHOOK_ALLOW_PRIVATE_ADDRESSES, refused in production) for receivers on 127.0.0.1.
 */
export interface WebhookAddressPolicy {
  readonly allowPrivateAddresses: boolean;
}

/** `dns.lookup` with `all: true`, or a stand-in for it in a unit test. */
export type ResolveAll = (hostname: string) => Promise<readonly LookupAddress[]>;

const resolveAllWithDns: ResolveAll = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/** How an admin reads each of ipaddr.js's ranges; 'unicast' (public) is the one allowed. */
const RANGE_NAMES: Readonly<Record<string, string>> = {
  loopback: 'a loopback address',
  private: 'a private network address',
  carrierGradeNat: 'a shared (carrier-grade NAT) address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  unspecified: 'an unspecified address',
};

/**
 * Why an address is not public ('a loopback address'...), or null when it is. ipaddr.js
 * classifies it, IPv4-mapped IPv6 (`::ffff:127.0.0.1`) as the IPv4 address it carries; anything
 * it does not call plain unicast (documentation, benchmarking, 6to4, NAT64...) is refused.
 */
export function nonPublicAddressKind(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an address';
  const range = ipaddr.process(address).range();
  if (range === 'unicast') return null;
  return RANGE_NAMES[range] ?? 'a reserved address';
}

/** The address a URL's host names literally (`[::1]` gives `::1`), or null for a host name. */
export function addressLiteral(hostname: string): string | null {
  const bare =
    hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

/** A connection refused by the address policy, before any packet was sent. */
export class NonPublicAddressError extends Error {
  override readonly name = 'NonPublicAddressError';
  readonly code = 'ERR_WEBHOOK_NON_PUBLIC_ADDRESS';
}

/**
 * Why a URL's host may not receive webhooks, or null: a literal address is classified as is
 * (WHATWG's URL parser has already turned `2130706433` or `0177.0.0.1` into `127.0.0.1`); a host
 * name is resolved and refused when any of its addresses is not public, or when it resolves to
 * none (a partner's endpoint should exist when it is set).
 */
export async function webhookHostProblem(
  hostname: string,
  policy: WebhookAddressPolicy,
  resolveAll: ResolveAll = resolveAllWithDns,
): Promise<string | null> {
  if (policy.allowPrivateAddresses) return null;
  const literal = addressLiteral(hostname);
  if (literal !== null) {
    const kind = nonPublicAddressKind(literal);
    return kind ? `url must point to a public address, not ${kind}` : null;
  }
  let addresses: readonly LookupAddress[];
  try {
    addresses = await resolveAll(hostname);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) return 'url must have a host name that resolves (it was not found)';
  for (const { address } of addresses) {
    const kind = nonPublicAddressKind(address);
    if (kind) return `url must point to a public address: its host name resolves to ${kind}`;
  }
  return null;
}

/**
 * The `lookup` a webhook connection uses: the host name is resolved here and the connection goes
 * to the addresses checked here, so a name re-pointed since it was set (DNS rebinding) at a
 * non-public address is refused before any connection is made. Literal addresses never reach a
 * lookup: the sender checks them itself.
 */
export function guardedLookup(
  policy: WebhookAddressPolicy,
  resolveAll: ResolveAll = resolveAllWithDns,
): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname).then(
      (found) => {
        const refused =
          !policy.allowPrivateAddresses &&
          found.some(({ address }) => nonPublicAddressKind(address) !== null);
        const family = options.family === 4 || options.family === 6 ? options.family : null;
        const addresses = family ? found.filter((a) => a.family === family) : [...found];
        if (refused) {
          callback(
            new NonPublicAddressError('the endpoint does not resolve to a public address'),
            '',
          );
        } else if (addresses.length === 0) {
          callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '');
        } else if (options.all) {
          callback(null, addresses);
        } else {
          callback(null, addresses[0].address, addresses[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
