import { type HostResolver, SsrfGuard } from './ssrf-guard.js';

const resolver =
  (table: Record<string, string[]>): HostResolver =>
  (host) =>
    Promise.resolve((table[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

describe('SSRF guard', () => {
  const dns = resolver({
    'hooks.example.com': ['93.184.216.34'],
    'v6.example.com': ['2606:2800:220:1:248:1893:25c8:1946'],
    'internal.example.com': ['10.1.2.3'],
    'mixed.example.com': ['93.184.216.34', '192.168.1.5'],
    'metadata.example.com': ['169.254.169.254'],
    'mapped.example.com': ['::ffff:10.0.0.1'],
    localhost: ['127.0.0.1', '::1'],
  });
  const strict = new SsrfGuard(false, dns);
  const dev = new SsrfGuard(true, dns);

  it('accepts https to public addresses and returns the checked address to connect to', async () => {
    await expect(strict.check('https://hooks.example.com/art30')).resolves.toMatchObject({
      address: '93.184.216.34',
      family: 4,
    });
    await expect(strict.check('https://v6.example.com/')).resolves.toMatchObject({ family: 6 });
    await expect(strict.check('https://93.184.216.34:8443/x')).resolves.toMatchObject({ address: '93.184.216.34' });
  });

  it.each([
    ['private IPv4', 'https://10.0.0.1/'],
    ['private IPv4 (172.16/12)', 'https://172.20.1.1/'],
    ['private IPv4 (192.168/16)', 'https://192.168.0.10/'],
    ['link-local / cloud metadata', 'https://169.254.169.254/latest/meta-data'],
    ['CGNAT', 'https://100.64.0.1/'],
    ['unspecified', 'https://0.0.0.0/'],
    ['multicast', 'https://224.0.0.1/'],
    ['broadcast', 'https://255.255.255.255/'],
    ['loopback', 'https://127.0.0.1/'],
    ['loopback written as a number', 'https://2130706433/'],
    ['IPv6 loopback', 'https://[::1]/'],
    ['IPv6 link-local', 'https://[fe80::1]/'],
    ['IPv6 unique-local', 'https://[fd00::1]/'],
    ['IPv4-mapped IPv6 of a private address', 'https://[::ffff:10.0.0.1]/'],
    ['IPv4-mapped IPv6 of loopback', 'https://[::ffff:127.0.0.1]/'],
    ['IPv4-compatible IPv6', 'https://[::10.0.0.1]/'],
    ['NAT64', 'https://[64:ff9b::a00:1]/'],
    ['6to4', 'https://[2002:a00:1::1]/'],
    ['a name resolving to a private address', 'https://internal.example.com/'],
    ['a name with one private address among public ones', 'https://mixed.example.com/'],
    ['a name resolving to the metadata address', 'https://metadata.example.com/'],
    ['a name resolving to an IPv4-mapped private address', 'https://mapped.example.com/'],
    ['a name resolving to loopback', 'https://localhost/'],
    ['a name that does not resolve', 'https://nowhere.example.com/'],
  ])('refuses %s', async (_, url) => {
    await expect(strict.check(url)).rejects.toThrow(/private or reserved|could not be resolved/);
  });

  it('refuses plain http, credentials and non-URLs', async () => {
    await expect(strict.check('http://hooks.example.com/')).rejects.toThrow('https');
    await expect(strict.check('ftp://hooks.example.com/')).rejects.toThrow('https');
    await expect(strict.check('https://user:pw@hooks.example.com/')).rejects.toThrow('user name or password');
    await expect(strict.check('not a url')).rejects.toThrow('not a valid URL');
  });

  it('allows loopback, and http to loopback only, when configured for development', async () => {
    await expect(dev.check('http://127.0.0.1:8080/hook')).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(dev.check('http://localhost:8080/hook')).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(dev.check('http://hooks.example.com/')).rejects.toThrow('https');
    await expect(dev.check('https://10.0.0.1/')).rejects.toThrow('private or reserved');
    await expect(dev.check('https://[::ffff:169.254.169.254]/')).rejects.toThrow('private or reserved');
  });

  it('judges the answer of each lookup, so a name rebound to a private address after registration is refused', async () => {
    let answer = '93.184.216.34';
    const rebinding = new SsrfGuard(false, () => Promise.resolve([{ address: answer, family: 4 }]));
    await expect(rebinding.check('https://rebind.example.com/')).resolves.toBeTruthy();
    answer = '10.0.0.7';
    await expect(rebinding.check('https://rebind.example.com/')).rejects.toThrow('private or reserved');
  });
});
