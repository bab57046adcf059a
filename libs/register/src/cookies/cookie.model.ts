import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ReadAt } from '../common/as-of.js';
import { Connection } from '../common/pagination.js';
import type { Cookie } from './cookie.entity.js';

export enum CookieCategoryEnum {
  STRICTLY_NECESSARY = 'strictly_necessary',
  FUNCTIONAL = 'functional',
  ANALYTICS = 'analytics',
  MARKETING = 'marketing',
}
registerEnumType(CookieCategoryEnum, {
  name: 'CookieCategory',
  description: 'What a cookie is for; only strictly necessary ones need no consent (ePrivacy Art. 5(3)).',
});

export enum CookiePartyEnum {
  FIRST = 'first',
  THIRD = 'third',
}
registerEnumType(CookiePartyEnum, { name: 'CookieParty', description: 'Set by the site itself or by another domain.' });

@ObjectType('Cookie', { description: 'A cookie or similar technology a product uses.' })
export class CookieModel implements ReadAt {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) productId!: string | null;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) purpose!: string | null;
  @Field(() => CookieCategoryEnum) category!: CookieCategoryEnum;
  @Field(() => CookiePartyEnum) party!: CookiePartyEnum;
  @Field(() => String, { nullable: true, description: 'Who sets it, e.g. Google.' }) provider!: string | null;
  @Field(() => String, { nullable: true, description: 'E.g. "session", "2 hours" or P1Y.' }) lifetime!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true, description: 'Your own key for imports (unique per tenant).' })
  externalKey!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  readAt?: Date;

  static from(cookie: Cookie, readAt?: Date): CookieModel {
    return Object.assign(new CookieModel(), cookie, {
      category: cookie.category as CookieCategoryEnum,
      party: cookie.party as CookiePartyEnum,
      readAt,
    });
  }
}

export const CookieConnection = Connection(CookieModel, 'Cookie');
