import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Permission, type Principal, UuidPipe } from '#core';
import { CurrentPrincipal, Requires } from '../auth/access.decorators.js';
import { CreateApiKeyInput } from '../graphql/account.inputs.js';
import { ApiKeyModel, CreatedApiKey } from './api-key.model.js';
import { ApiKeysService } from './api-keys.service.js';

@Resolver(() => ApiKeyModel)
export class ApiKeysResolver {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Requires(Permission.Administer)
  @Query(() => [ApiKeyModel], { name: 'apiKeys' })
  async list(@CurrentPrincipal() principal: Principal): Promise<ApiKeyModel[]> {
    return (await this.apiKeys.list(principal)).map((k) => ApiKeyModel.from(k));
  }

  @Requires(Permission.Administer)
  @Mutation(() => CreatedApiKey)
  async createApiKey(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateApiKeyInput,
  ): Promise<CreatedApiKey> {
    const { apiKey, secret } = await this.apiKeys.create(principal, input);
    return { apiKey: ApiKeyModel.from(apiKey), secret };
  }

  @Requires(Permission.Administer)
  @Mutation(() => ApiKeyModel)
  async revokeApiKey(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<ApiKeyModel> {
    return ApiKeyModel.from(await this.apiKeys.revoke(principal, id));
  }
}
