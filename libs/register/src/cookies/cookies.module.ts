import { Module } from '@nestjs/common';

// Placeholder: filled in by the cookies work (service, resolver, models, inputs).
@Module({ providers: [], exports: [] })
export class CookiesModule {}

export const COOKIES_RESOLVERS: Array<new (...args: never[]) => unknown> = [];
