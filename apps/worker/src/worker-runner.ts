import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DeliveryWorker } from '#notifications';

/** The worker process runs the delivery loop from start to shutdown (SIGTERM finishes the round in hand). */
@Injectable()
export class WorkerRunner implements OnApplicationBootstrap {
  constructor(private readonly worker: DeliveryWorker) {}

  onApplicationBootstrap(): void {
    this.worker.start();
  }
}
