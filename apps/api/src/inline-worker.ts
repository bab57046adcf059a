import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { DeliveryWorker } from '#notifications';

/**
 * `worker.inline` (the embedded default): the API runs the delivery loop itself, so one process
 * and one database are the whole installation. With a separate worker process it stays off.
 */
@Injectable()
export class InlineWorker implements OnApplicationBootstrap {
  constructor(
    private readonly worker: DeliveryWorker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.worker.inline) this.worker.start();
  }
}
