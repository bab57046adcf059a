import { randomBytes } from 'node:crypto';
import { findLeaks } from './global-teardown.js';

describe('the secret scan run after the suite', () => {
  const token = randomBytes(32).toString('base64url');
  const password = 'correct horse battery staple';

  it('finds a credential secret inside a token, a longer run or JSON, and a password anywhere', () => {
    const sources = [
      { name: 'log', text: `{"msg":"auth","header":"Bearer a30s.${'A'.repeat(43)}.${token}"}` },
      { name: 'glued', text: `xx${token}yy` },
      { name: 'errors', text: `[{"message":"bad password ${password}"}]` },
      { name: 'clean', text: `{"hash":"${randomBytes(32).toString('hex')}"}` },
    ];
    const leaks = findLeaks([token, password], sources);
    expect(leaks.some((l) => l.startsWith('log:'))).toBe(true);
    expect(leaks.some((l) => l.startsWith('glued:'))).toBe(true);
    expect(leaks.some((l) => l.startsWith('errors:'))).toBe(true);
    expect(leaks.some((l) => l.startsWith('clean:'))).toBe(false);
    expect(leaks.join()).not.toContain(token);
  });

  it('reports nothing when no secret occurs', () => {
    expect(findLeaks([token, password], [{ name: 'log', text: 'request completed' }])).toEqual([]);
  });
});
