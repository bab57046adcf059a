import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
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

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.mail.smtpUrl) {
      this.transport = nodemailer.createTransport({
        url: config.mail.smtpUrl,
        pool: true,
        maxConnections: 5,
        maxMessages: Infinity,
      });
    } else {
      this.captureDir = config.mail.captureDir;
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = (await this.transport.sendMail({ from: this.config.mail.from, ...mail })) as {
      messageId: string;
      message?: Buffer;
    };
    if (!this.captureDir || !info.message) return { messageId: info.messageId };
    await mkdir(this.captureDir, { recursive: true });
    const file = join(this.captureDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeName(mail.to)}.eml`);
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
