import { describe, expect, it } from '@jest/globals';
import { webhookUrlProblem } from './webhook-endpoint.service.js';

describe('webhookUrlProblem', () => {
  it('accepts https, and http to the loopback outside production', () => {
    expect(webhookUrlProblem('https://partner.example/hooks/relais?tenant=44', true)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', false)).toBeNull();
    expect(webhookUrlProblem('http://localhost/hook', false)).toBeNull();
  });

  it('refuses http elsewhere, and any http in production', () => {
    expect(webhookUrlProblem('http://partner.example/hook', false)).toMatch(/https/);
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', true)).toBe(
      'url must be an https:// URL',
    );
  });

  it('refuses what is not a URL, credentials, fragments and other schemes', () => {
    expect(webhookUrlProblem('not a url', false)).toMatch(/https/);
    expect(webhookUrlProblem('ftp://partner.example/hook', false)).toMatch(/https/);
    expect(webhookUrlProblem('https://user:pw@partner.example/hook', true)).toMatch(/password/);
    expect(webhookUrlProblem('https://partner.example/hook#x', true)).toMatch(/fragment/);
    expect(webhookUrlProblem(`https://partner.example/${'a'.repeat(500)}`, true)).toMatch(/500/);
  });
});
