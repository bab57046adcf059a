import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

/** A message the sink received, parsed enough for assertions. */
export interface CapturedMail {
  from: string;
  to: string[];
  /** Header names in lower case; a repeated header keeps its first value. */
  headers: Record<string, string>;
  subject: string;
  text?: string;
  html?: string;
  raw: string;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  messages: CapturedMail[];
  /** Decides each message's fate: undefined accepts it, a number refuses it with that SMTP code. */
  respond(decide: (mail: CapturedMail) => number | undefined): void;
  /** Resolves once at least `count` messages were accepted (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 with a free port, collecting what it accepts.
 * Messages are parsed when first read, not on arrival: the fan-out benchmark receives 10,000 on
 * the cores the worker needs, and only counts them.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: CapturedMail[] = [];
  let decide: (mail: CapturedMail) => number | undefined = () => undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = capturedMail(Buffer.concat(chunks), {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        const code = decide(mail);
        if (code) {
          const error = new Error(`refused by the test sink (${code})`) as Error & { responseCode: number };
          error.responseCode = code;
          return callback(error);
        }
        messages.push(mail);
        callback();
      });
    },
  });
  // A client that dies mid-session (a killed worker) resets its connection: not the sink's failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    respond: (fn) => (decide = fn),
    waitFor: (count, timeoutMs = 15_000) =>
      waitUntil(
        () => messages.length >= count,
        timeoutMs,
        () => messages,
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function waitUntil<T>(done: () => boolean, timeoutMs: number, value: () => T): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return value();
}

function capturedMail(bytes: Buffer, envelope: { from: string; to: string[] }): CapturedMail {
  let parsed: CapturedMail | undefined;
  const read = () => (parsed ??= parseMail(bytes.toString('utf8'), envelope));
  return {
    ...envelope,
    get headers() {
      return read().headers;
    },
    get subject() {
      return read().subject;
    },
    get text() {
      return read().text;
    },
    get html() {
      return read().html;
    },
    get raw() {
      return read().raw;
    },
  };
}

/** A small MIME reader: headers (unfolded, RFC 2047 words decoded), multipart, quoted-printable, base64. */
export function parseMail(raw: string, envelope: { from: string; to: string[] }): CapturedMail {
  const { headers, body } = splitHeaders(raw);
  const mail: CapturedMail = { ...envelope, headers, subject: headers.subject ?? '', raw };
  collectParts(headers, body, mail);
  return mail;
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  const normalized = raw.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  const head = end < 0 ? normalized : normalized.slice(0, end);
  const body = end < 0 ? '' : normalized.slice(end + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function collectParts(headers: Record<string, string>, body: string, mail: CapturedMail): void {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const parsed = splitHeaders(part.replace(/^\n/, ''));
      collectParts(parsed.headers, parsed.body, mail);
    }
    return;
  }
  const decoded = decodeBody(body, headers['content-transfer-encoding'] ?? '7bit');
  if (/^text\/html/i.test(type)) mail.html ??= decoded;
  else if (/^text\/plain/i.test(type)) mail.text ??= decoded;
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return qp(body.replace(/=\n/g, ''));
    default:
      return body;
  }
}

function qp(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
    );
}
