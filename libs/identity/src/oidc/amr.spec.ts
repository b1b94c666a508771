import { amrShowsMfa } from './amr.js';

describe('amrShowsMfa', () => {
  it.each([
    [['mfa'], true],
    [['pwd', 'mfa'], true],
    [['pwd', 'totp'], true],
    [['pwd', 'otp'], true],
    [['pop', 'pin'], true],
    [['pwd'], false],
    [['mail'], false],
    [['pwd', 'mail'], false],
    [['totp'], false],
    [['pop'], false],
    [['pwd', 'pin'], false],
    [['dev'], false],
    [[], false],
  ])('%j → %p', (amr, expected) => {
    expect(amrShowsMfa(amr)).toBe(expected);
  });
});
