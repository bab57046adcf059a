/**
 * At most `size` exports at once in one process. An export holds its snapshot transaction's
 * connection for as long as it streams, and recording it takes a second one from the same pool:
 * with as many exports as connections, each would wait for the others forever. Capping exports
 * at half the pool always leaves a connection to record with (and keeps a burst of exports from
 * taking every connection the API's reads need).
 */
export class ExportSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiting export, or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
