import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { FanOutService } from '../outbox/fan-out.service.js';
import { DeliveryProcessor } from './delivery-processor.js';
import { DueChanges } from './due-changes.js';

/**
 * The background loop: activates changes whose notice period ended, fans out new events, sends
 * due deliveries. While a round finds work it goes straight on; an idle round waits `pollMs`.
 * Started by apps/worker, or inside the API when `worker.inline`; on shutdown it finishes the
 * round in hand (sends are bounded by the webhook timeout) and stops.
 */
@Injectable()
export class DeliveryWorker implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly dueChanges: DueChanges,
    private readonly fanOut: FanOutService,
    private readonly deliveries: DeliveryProcessor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.logger.log(`worker ${this.deliveries.workerName} started`);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    this.logger.log(`worker ${this.deliveries.workerName} stopped`);
  }

  /** One round; returns how much work it found (0: idle). */
  async tick(): Promise<number> {
    const changes = await this.dueChanges.runOnce();
    const events = await this.fanOut.runOnce();
    const deliveries = await this.deliveries.runOnce();
    return changes + events + deliveries;
  }

  /** Rounds until one finds nothing due (tests, and a one-shot drain). */
  async drain(maxRounds = 1_000): Promise<void> {
    for (let i = 0; i < maxRounds && (await this.tick()) > 0; i++);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let work = 0;
      try {
        work = await this.tick();
      } catch (error) {
        this.logger.error(`worker round failed: ${(error as Error).message}`);
      }
      if (work === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.config.worker.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
