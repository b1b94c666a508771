import { ConfigError, loadAppConfig } from './app-config.js';

const valid = { DATABASE_URL: 'postgres://relais:secret@db.example:5432/relais' };

function trustProxyOf(value: string): unknown {
  return loadAppConfig({ ...valid, TRUST_PROXY: value }).trustProxy;
}

function problemOf(value: string): string {
  try {
    loadAppConfig({ ...valid, TRUST_PROXY: value });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`TRUST_PROXY=${value} was accepted`);
}

describe('TRUST_PROXY', () => {
  it('trusts no proxy when unset, empty or false', () => {
    expect(loadAppConfig(valid).trustProxy).toBe(false);
    expect(trustProxyOf('')).toBe(false);
    expect(trustProxyOf('false')).toBe(false);
  });

  it('reads a number of hops', () => {
    expect(trustProxyOf('1')).toBe(1);
    expect(trustProxyOf(' 2 ')).toBe(2);
    expect(trustProxyOf('10')).toBe(10);
  });

  it('reads addresses, CIDR ranges and Express’s named ranges, separated by commas', () => {
    expect(trustProxyOf('loopback')).toEqual(['loopback']);
    expect(trustProxyOf('loopback, 10.0.0.0/8,192.168.1.7 , uniquelocal,linklocal')).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.168.1.7',
      'uniquelocal',
      'linklocal',
    ]);
    expect(trustProxyOf('fd00::/8,::1,2001:db8::5')).toEqual(['fd00::/8', '::1', '2001:db8::5']);
  });

  it('refuses true, which would let any client choose its address', () => {
    expect(problemOf('true')).toBe(
      'Configuration error: TRUST_PROXY is invalid: expected a number of proxies in front of the API (1 to 10), ' +
        'or their addresses separated by commas (loopback, linklocal, uniquelocal, an IP address or a CIDR range ' +
        'such as 10.0.0.0/8); true is refused: it would let any client choose its address.',
    );
  });

  it.each([
    ['0'],
    ['11'],
    ['-1'],
    ['1.5'],
    ['yes'],
    ['proxy.example'],
    ['10.0.0.0/33'],
    ['::1/129'],
    ['10.0.0.0/8/1'],
    ['10.0.0.0/'],
    ['256.1.1.1'],
    ['loopback,,10.0.0.1'],
    ['loopback, *'],
  ])('refuses %p, naming what is expected', (value) => {
    expect(problemOf(value)).toMatch(
      /^Configuration error: TRUST_PROXY is invalid: expected a number of proxies in front of the API \(1 to 10\), or their addresses/,
    );
  });

  it('does not echo the value it refuses', () => {
    expect(problemOf('proxy.example, 203.0.113.9/40')).not.toMatch(/proxy\.example|203\.0\.113/);
  });
});
