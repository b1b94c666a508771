import { describe, expect, it } from '@jest/globals';
import type { LookupAddress } from 'node:dns';
import {
  guardedLookup,
  NonPublicAddressError,
  nonPublicAddressKind,
  type ResolveAll,
  webhookHostProblem,
} from './webhook-address.js';
import { webhookUrlProblem } from './webhook-endpoint.service.js';

const strict = { allowPrivateAddresses: false };
const allowing = { allowPrivateAddresses: true };

/** A resolver that knows these names only, as DNS would answer them. */
function resolverOf(names: Record<string, string[]>): ResolveAll {
  return (hostname) => {
    const addresses = names[hostname];
    if (!addresses) {
      return Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
    }
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
}

describe('webhook URLs: the spellings refused and accepted', () => {
  it.each([
    ['https://127.0.0.1/hook', 'a loopback address'],
    ['https://127.1/hook', 'a loopback address'],
    ['https://2130706433/hook', 'a loopback address'],
    ['https://0177.0.0.1/hook', 'a loopback address'],
    ['https://0x7f.0.0.1/hook', 'a loopback address'],
    ['https://0x7f000001/hook', 'a loopback address'],
    ['https://[::1]/hook', 'a loopback address'],
    ['https://[0:0:0:0:0:0:0:1]/hook', 'a loopback address'],
    ['https://[::ffff:127.0.0.1]/hook', 'a loopback address'],
    ['https://[::ffff:7f00:1]/hook', 'a loopback address'],
    ['https://[::ffff:10.0.0.1]/hook', 'a private network address'],
    ['https://0.0.0.0/hook', 'an unspecified address'],
    ['https://0/hook', 'an unspecified address'],
    ['https://[::]/hook', 'an unspecified address'],
    ['https://10.1.2.3/hook', 'a private network address'],
    ['https://172.16.0.1/hook', 'a private network address'],
    ['https://192.168.1.1/hook', 'a private network address'],
    ['https://3232235777/hook', 'a private network address'],
    ['https://169.254.169.254/latest/meta-data', 'a link-local address'],
    ['https://[fe80::1]/hook', 'a link-local address'],
    ['https://[fc00::1]/hook', 'a unique-local address'],
    ['https://[fd12:3456::1]/hook', 'a unique-local address'],
    ['https://224.0.0.1/hook', 'a multicast address'],
    ['https://[ff02::1]/hook', 'a multicast address'],
    ['https://255.255.255.255/hook', 'a broadcast address'],
    ['https://100.64.0.1/hook', 'a shared (carrier-grade NAT) address'],
    ['https://192.0.0.8/hook', 'a reserved address'],
    ['https://198.18.0.1/hook', 'a reserved address'],
    ['https://192.0.2.1/hook', 'a reserved address'],
    ['https://240.0.0.1/hook', 'a reserved address'],
    ['https://[64:ff9b::7f00:1]/hook', 'a reserved address'],
    ['https://[2002:7f00:1::]/hook', 'a reserved address'],
    ['https://[2001:db8::1]/hook', 'a reserved address'],
  ])('refuses %s: %s', (url, kind) => {
    expect(webhookUrlProblem(url, strict)).toBe(`url must point to a public address, not ${kind}`);
  });

  it.each([
    'https://partner.example/hooks/relais?tenant=44',
    'https://93.184.216.34/hook',
    'https://8.8.8.8:8443/hook',
    'https://[2606:4700:4700::1111]/hook',
    'https://[::ffff:8.8.8.8]/hook',
  ])('accepts %s', (url) => {
    expect(webhookUrlProblem(url, strict)).toBeNull();
  });

  it('allows http to this machine only when private addresses are allowed', () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://[::1]:8080/hook',
    ]) {
      expect(webhookUrlProblem(url, allowing)).toBeNull();
      expect(webhookUrlProblem(url, strict)).toBe('url must be an https:// URL');
    }
    expect(webhookUrlProblem('https://10.0.0.1/hook', allowing)).toBeNull();
    expect(webhookUrlProblem('http://10.0.0.1/hook', allowing)).toBe(
      'url must be an https:// URL (http:// only to a loopback address)',
    );
    expect(webhookUrlProblem('http://partner.example/hook', allowing)).toMatch(/https/);
  });

  it('refuses what is not a URL, credentials, fragments and other schemes', () => {
    expect(webhookUrlProblem('not a url', strict)).toMatch(/https/);
    expect(webhookUrlProblem('ftp://partner.example/hook', strict)).toMatch(/https/);
    expect(webhookUrlProblem('https://user:pw@partner.example/hook', strict)).toMatch(/password/);
    expect(webhookUrlProblem('https://partner.example/hook#x', strict)).toMatch(/fragment/);
    expect(webhookUrlProblem(`https://partner.example/${'a'.repeat(500)}`, strict)).toMatch(/500/);
  });
});

describe('webhook host names: every address they resolve to must be public', () => {
  const dns = resolverOf({
    'partner.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
    'intranet.example': ['10.0.0.7'],
    'split.example': ['93.184.216.34', '127.0.0.1'],
    'mapped.example': ['::ffff:169.254.169.254'],
  });

  it('accepts a name that resolves to public addresses only', async () => {
    expect(await webhookHostProblem('partner.example', strict, dns)).toBeNull();
  });

  it.each([
    [
      'intranet.example',
      'url must point to a public address: its host name resolves to a private network address',
    ],
    [
      'split.example',
      'url must point to a public address: its host name resolves to a loopback address',
    ],
    [
      'mapped.example',
      'url must point to a public address: its host name resolves to a link-local address',
    ],
    ['nowhere.example', 'url must have a host name that resolves (it was not found)'],
  ])('refuses %s', async (hostname, problem) => {
    expect(await webhookHostProblem(hostname, strict, dns)).toBe(problem);
  });

  it('resolves localhost for real, to the loopback: refused unless private addresses are allowed', async () => {
    expect(await webhookHostProblem('localhost', strict)).toBe(
      'url must point to a public address: its host name resolves to a loopback address',
    );
    expect(await webhookHostProblem('localhost', allowing)).toBeNull();
  });

  it('classifies addresses with ipaddr.js, IPv4-mapped ones as the IPv4 address they carry', () => {
    expect(nonPublicAddressKind('93.184.216.34')).toBeNull();
    expect(nonPublicAddressKind('::ffff:127.0.0.1')).toBe('a loopback address');
    expect(nonPublicAddressKind('not an address')).toBe('not an address');
  });
});

describe('the lookup a webhook connection uses', () => {
  const lookupOf = (
    policy: { allowPrivateAddresses: boolean },
    resolveAll: ResolveAll,
    hostname: string,
    all: boolean,
  ): Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[] }> =>
    new Promise((resolve) =>
      guardedLookup(policy, resolveAll)(hostname, { all }, (error, address) =>
        resolve({ error, address }),
      ),
    );

  it('gives the public addresses it checked, one or all as asked', async () => {
    const dns = resolverOf({ 'partner.example': ['93.184.216.34'] });
    expect(await lookupOf(strict, dns, 'partner.example', false)).toEqual({
      error: null,
      address: '93.184.216.34',
    });
    expect(await lookupOf(strict, dns, 'partner.example', true)).toEqual({
      error: null,
      address: [{ address: '93.184.216.34', family: 4 }],
    });
  });

  it('refuses a name re-pointed at a non-public address since it was set', async () => {
    let answer = ['93.184.216.34'];
    const rebinding: ResolveAll = () =>
      Promise.resolve(answer.map((address) => ({ address, family: 4 })));
    expect((await lookupOf(strict, rebinding, 'partner.example', true)).error).toBeNull();
    answer = ['127.0.0.1'];
    const { error } = await lookupOf(strict, rebinding, 'partner.example', true);
    expect(error).toBeInstanceOf(NonPublicAddressError);
    expect((await lookupOf(allowing, rebinding, 'partner.example', true)).error).toBeNull();
  });
});
