import { Injectable, type NestMiddleware } from '@nestjs/common';
import { TenantDb } from '#database';
import type { NextFunction, Request, Response } from 'express';

/**
 * Gives every HTTP request one shared read transaction (see ReadScope): authentication, the page
 * and every DataLoader batch of a GraphQL request run in it. Ended when the response is done.
 */
@Injectable()
export class ReadScopeMiddleware implements NestMiddleware {
  constructor(private readonly db: TenantDb) {}

  use(_req: Request, res: Response, next: NextFunction): void {
    const { scope } = this.db.scope(() => next());
    res.once('close', () => void scope.end());
  }
}
