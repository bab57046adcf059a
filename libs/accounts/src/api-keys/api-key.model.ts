import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '#core';
import type { ApiKey } from './api-key.entity.js';

@ObjectType('ApiKey', { description: 'An integration credential. Its secret is shown only once, at creation.' })
export class ApiKeyModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => Role) role!: Role;
  @Field(() => ID, { nullable: true, description: 'Customer keys: the controller (party) the key speaks for.' })
  partyId!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;

  static from(key: ApiKey): ApiKeyModel {
    const { id, name, role, partyId, createdAt, expiresAt, revokedAt, lastUsedAt } = key;
    return Object.assign(new ApiKeyModel(), { id, name, role, partyId, createdAt, expiresAt, revokedAt, lastUsedAt });
  }
}

@ObjectType({ description: 'A new API key and its secret. Store the secret now: it cannot be shown again.' })
export class CreatedApiKey {
  @Field(() => ApiKeyModel) apiKey!: ApiKeyModel;
  @Field({ description: 'Send as "Authorization: Bearer <secret>".' }) secret!: string;
}
