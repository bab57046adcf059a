import { randomUUID } from 'node:crypto';
import { issueCredential, parseCredential, sameHash } from './credential-token.js';

describe('credential tokens', () => {
  const tenantId = randomUUID();
  const id = randomUUID();

  it('round-trips tenant, id and kind, and keeps only a hash of the secret', () => {
    const issued = issueCredential('api_key', tenantId, id);
    expect(issued.token).toMatch(/^a30k\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    const parsed = parseCredential(issued.token)!;
    expect(parsed).toMatchObject({ kind: 'api_key', tenantId, id });
    expect(sameHash(parsed.secretHash, issued.secretHash)).toBe(true);
    expect(issued.secretHash.toString('base64url')).not.toBe(issued.token.split('.')[2]);
  });

  it('gives a different secret every time', () => {
    expect(issueCredential('session', tenantId, id).token).not.toBe(issueCredential('session', tenantId, id).token);
  });

  it('detects a changed secret through the hash', () => {
    const issued = issueCredential('session', tenantId, id);
    const last = issued.token.at(-1) === 'A' ? 'B' : 'A';
    const parsed = parseCredential(issued.token.slice(0, -1) + last)!;
    expect(sameHash(parsed.secretHash, issued.secretHash)).toBe(false);
  });

  it.each([
    '',
    'a30s',
    'a30x.abc.def',
    'a30s..',
    'Bearer x',
    'a30s.' + 'A'.repeat(20) + '.' + 'B'.repeat(43),
    'x'.repeat(10_000),
  ])('rejects %p without throwing', (token) => {
    expect(parseCredential(token)).toBeUndefined();
  });
});
