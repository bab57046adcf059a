import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { type Options, pinoHttp } from 'pino-http';
import type { AppConfig } from '../config/app-config.js';
import { loggerOptions } from './logger-options.js';

interface AccessLine {
  req: unknown;
  res: { statusCode: number; headers: Record<string, string> };
  responseTime: unknown;
  msg: string;
}

/** The access log line of one real HTTP request, as the API's options write it. */
async function accessLine(path: string, headers: Record<string, string>): Promise<AccessLine> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const { pinoHttp: options } = loggerOptions({ logLevel: 'info', logFile: undefined } as AppConfig) as {
    pinoHttp: Options;
  };
  const logging = pinoHttp(options, sink);
  const server: Server = createServer((req, res) => {
    logging(req, res);
    res.setHeader('set-cookie', 'session=secret-cookie');
    res.end('ok');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    await (await fetch(`http://127.0.0.1:${port}${path}`, { headers })).text();
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    server.close();
  }
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as AccessLine;
}

describe('access log', () => {
  it('logs method, url (capability tokens cut out), status and time; never credentials', async () => {
    const line = await accessLine('/unsubscribe?Token=abc.def&lang=de', { authorization: 'Bearer a30s.x.y' });
    expect(line.req).toEqual({ id: expect.any(Number), method: 'GET', url: '/unsubscribe?Token=[redacted]&lang=de' });
    expect(line.res.statusCode).toBe(200);
    expect(line.res.headers['set-cookie']).toBe('[redacted]');
    expect(line.responseTime).toEqual(expect.any(Number));
    expect(line.msg).toBe('request completed');
    expect(JSON.stringify(line)).not.toMatch(/a30s|secret-cookie|abc\.def/);
  });
});
