import { signLink, verifyLink } from './signed-links.js';
import { SecretBox } from './secret-box.js';

const SECRET = 'a-test-secret-that-is-long-enough-000';

describe('signed links', () => {
  const ids = ['2f6c1f2e-0d7a-4b53-9c0e-0f7d1b1f0a01', '7e2d9a55-3c1b-4f0e-8a6d-9b8c7d6e5f40'];

  it('round-trips the ids for the purpose they were signed for', () => {
    expect(verifyLink(SECRET, 'object', signLink(SECRET, 'object', ids), 2)).toEqual(ids);
  });

  it('refuses another purpose, another secret, an altered body or signature, and junk', () => {
    const token = signLink(SECRET, 'object', ids);
    expect(verifyLink(SECRET, 'unsubscribe', token, 2)).toBeUndefined();
    expect(verifyLink(`${SECRET}x`, 'object', token, 2)).toBeUndefined();
    const [body, signature] = token.split('.') as [string, string];
    const otherBody = Buffer.from(`${ids[1]}.${ids[0]}`).toString('base64url');
    expect(verifyLink(SECRET, 'object', `${otherBody}.${signature}`, 2)).toBeUndefined();
    expect(verifyLink(SECRET, 'object', `${body}.${signature.slice(0, -2)}AA`, 2)).toBeUndefined();
    for (const junk of ['', '.', 'a.b.c', 'x'.repeat(600)])
      expect(verifyLink(SECRET, 'object', junk, 2)).toBeUndefined();
  });

  it('refuses a token signed for a different number of ids', () => {
    expect(verifyLink(SECRET, 'object', signLink(SECRET, 'object', [ids[0]!]), 2)).toBeUndefined();
  });
});

describe('SecretBox', () => {
  it('opens what it sealed, with a fresh nonce each time, and refuses a changed byte', () => {
    const box = new SecretBox(SECRET);
    const a = box.seal('whsec_abc');
    const b = box.seal('whsec_abc');
    expect(a.equals(b)).toBe(false);
    expect(box.open(a)).toBe('whsec_abc');
    a[a.length - 1]! ^= 1;
    expect(() => box.open(a)).toThrow();
    expect(() => new SecretBox(`${SECRET}-other`).open(b)).toThrow();
  });
});
