import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which reverse proxies in front of the API are believed when they name the client in
 * `X-Forwarded-For`: none (`false`), the closest N hops, or those at these addresses. Passed
 * as is to Express's `trust proxy`, so `req.ip` is the client's address.
 */
export type TrustProxy = false | number | readonly string[];

/** Express's names for address ranges (proxy-addr). */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const MAX_HOPS = 10;

const EXPECTED =
  `expected a number of proxies in front of the API (1 to ${MAX_HOPS}), or their addresses ` +
  'separated by commas (loopback, linklocal, uniquelocal, an IP address or a CIDR range such as 10.0.0.0/8)';

/** An IPv4 or IPv6 address, alone or with a prefix length that fits its family. */
function isAddressOrRange(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY`: off by default. `true` is refused: trusting every hop lets any client write
 * the address it is limited by in `X-Forwarded-For`.
 */
export const trustProxySchema = z
  .string()
  .trim()
  .transform((value, context): TrustProxy => {
    if (value === 'false') return false;
    if (value === 'true') {
      context.addIssue({
        code: 'custom',
        message: `${EXPECTED}; true is refused: it would let any client choose its address`,
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops >= 1 && hops <= MAX_HOPS) return hops;
      context.addIssue({ code: 'custom', message: EXPECTED });
      return z.NEVER;
    }
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every((entry) => NAMED_RANGES.has(entry) || isAddressOrRange(entry))) {
      return entries;
    }
    context.addIssue({ code: 'custom', message: EXPECTED });
    return z.NEVER;
  });
