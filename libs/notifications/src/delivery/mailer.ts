import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { APP_CONFIG, type AppConfig } from '#core';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** The Message-ID (with angle brackets); a delivery's stays the same on every retry. */
  messageId?: string;
}

export interface SentMail {
  messageId: string;
  /** Where a captured message was written (no SMTP configured). */
  capturedAt?: string;
}

/**
 * Sends mail with nodemailer: over SMTP (pooled connections) when SMTP_URL is set, otherwise
 * written as .eml files under MAIL_CAPTURE_DIR, where a developer can open them.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly captureDir: string | undefined;
  /** The envelope sender (MAIL FROM) for prebuilt messages: the address of MAIL_FROM. */
  private readonly envelopeFrom: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.envelopeFrom = addressparser(config.mail.from, { flatten: true })[0]?.address ?? config.mail.from;
    if (config.mail.smtpUrl) {
      this.transport = nodemailer.createTransport({
        url: config.mail.smtpUrl,
        pool: true,
        maxConnections: config.mail.maxConnections,
        maxMessages: Infinity,
      });
    } else {
      this.captureDir = config.mail.captureDir;
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    return this.deliver(mail.to, await this.transport.sendMail({ from: this.config.mail.from, ...mail }));
  }

  /** A complete message built by the caller (headers included), to one recipient. */
  async sendRaw(to: string, raw: string): Promise<SentMail> {
    return this.deliver(to, await this.transport.sendMail({ envelope: { from: this.envelopeFrom, to: [to] }, raw }));
  }

  private async deliver(to: string, sent: unknown): Promise<SentMail> {
    const info = sent as { messageId: string; message?: Buffer };
    if (!this.captureDir || !info.message) return { messageId: info.messageId };
    await mkdir(this.captureDir, { recursive: true });
    const file = join(this.captureDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeName(to)}.eml`);
    await writeFile(file, info.message);
    return { messageId: info.messageId, capturedAt: file };
  }

  // After the delivery worker has stopped (it stops before application shutdown) and finished its sends.
  onApplicationShutdown(): void {
    this.transport.close();
  }
}

function safeName(address: string): string {
  return address.replace(/[^a-zA-Z0-9@._-]/g, '_').slice(0, 80);
}
