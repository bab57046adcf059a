import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { Public } from '#accounts';
import { TenantDb } from '#database';
import type { Response } from 'express';

@Controller()
export class HealthController {
  constructor(private readonly db: TenantDb) {}

  /** For load balancers and humans: 200 when the database answers, 503 when it does not. */
  @Public()
  @Get('health')
  async health(@Res({ passthrough: true }) res: Response): Promise<{ status: string; database: string }> {
    const up = await this.db.ping();
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: up ? 'ok' : 'degraded', database: up ? 'up' : 'down' };
  }
}
