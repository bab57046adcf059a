import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TenantDb } from '#database';

/** Until the outbox and timed jobs arrive, the worker checks its database once a minute. */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: TenantDb) {}

  onApplicationBootstrap(): void {
    this.logger.log('worker started; idle (no jobs registered yet)');
    this.timer = setInterval(() => {
      void this.db.ping().then((up) => {
        if (!up) this.logger.warn('database not reachable');
      });
    }, 60_000);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.logger.log('worker stopped');
  }
}
