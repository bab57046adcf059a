import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { Permission, type Principal, UuidPipe } from '#core';
import {
  CreateWebhookEndpointInput,
  RotateWebhookSecretArgs,
  UpdateWebhookEndpointInput,
} from './webhook-endpoint.input.js';
import { WebhookEndpointModel, WebhookEndpointWithSecret } from './webhook-endpoint.model.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

/** Thin: access (admins: all; a customer's API key: its own) -> service -> model. */
@Resolver(() => WebhookEndpointModel)
export class WebhookEndpointsResolver {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Requires(Permission.Subscribe)
  @Query(() => [WebhookEndpointModel], { name: 'webhookEndpoints' })
  async list(@CurrentPrincipal() principal: Principal): Promise<WebhookEndpointModel[]> {
    return (await this.endpoints.list(principal)).map((e) => WebhookEndpointModel.from(e));
  }

  @Requires(Permission.Subscribe)
  @Mutation(() => WebhookEndpointWithSecret, {
    description: 'Registers an endpoint; the answer carries its secret, once.',
  })
  async createWebhookEndpoint(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateWebhookEndpointInput,
  ): Promise<WebhookEndpointWithSecret> {
    const { endpoint, secret } = await this.endpoints.create(principal, input);
    return { endpoint: WebhookEndpointModel.from(endpoint), secret };
  }

  @Requires(Permission.Subscribe)
  @Mutation(() => WebhookEndpointModel)
  async updateWebhookEndpoint(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('input') input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpointModel> {
    return WebhookEndpointModel.from(await this.endpoints.update(principal, id, input));
  }

  @Requires(Permission.Subscribe)
  @Mutation(() => ID, { description: 'Deletes the endpoint and cancels what was still waiting for it.' })
  deleteWebhookEndpoint(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<string> {
    return this.endpoints.remove(principal, id);
  }

  @Requires(Permission.Subscribe)
  @Mutation(() => WebhookEndpointWithSecret, {
    description: 'A new secret, shown once; the previous one keeps signing alongside it for overlapHours.',
  })
  async rotateWebhookSecret(
    @CurrentPrincipal() principal: Principal,
    @Args() { id, overlapHours }: RotateWebhookSecretArgs,
  ): Promise<WebhookEndpointWithSecret> {
    const { endpoint, secret } = await this.endpoints.rotateSecret(principal, id.toLowerCase(), overlapHours ?? 24);
    return { endpoint: WebhookEndpointModel.from(endpoint), secret };
  }

  @Requires(Permission.Subscribe)
  @Mutation(() => WebhookEndpointModel, { description: 'Sends to a disabled endpoint again (after it answered 410).' })
  async enableWebhookEndpoint(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<WebhookEndpointModel> {
    return WebhookEndpointModel.from(await this.endpoints.enable(principal, id));
  }
}
