import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recordSecret } from '#testing';

export interface CapturedMail {
  file: string;
  /** The raw message with quoted-printable undone (good enough to find links and headers). */
  text: string;
}

/** The .eml files the Mailer captured for an address, oldest first (file names start with the time). */
export async function capturedMails(dir: string, address: string): Promise<CapturedMail[]> {
  const safe = address.replace(/[^a-zA-Z0-9@._-]/g, '_').slice(0, 80);
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(`-${safe}.eml`)).sort();
  return Promise.all(
    files.map(async (file) => ({ file, text: decodeQuotedPrintable(await readFile(join(dir, file), 'utf8')) })),
  );
}

/** Waits until `count` mails for the address were captured (mail goes out after the answer). */
export async function waitForMails(
  dir: string,
  address: string,
  count = 1,
  timeoutMs = 5_000,
): Promise<CapturedMail[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mails = await capturedMails(dir, address);
    if (mails.length >= count || Date.now() > until) return mails;
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function linkIn(mail: CapturedMail, path: string): string {
  const match = mail.text.match(new RegExp(`https?://[^\\s"<>]+/${path}\\?token=[A-Za-z0-9_.-]+`));
  if (!match) throw new Error(`no ${path} link in ${mail.file}`);
  // The link's token is a capability (confirm, unsubscribe, object): the secret scan looks for it.
  recordSecret(new URL(match[0]).searchParams.get('token')!);
  return match[0];
}

function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
