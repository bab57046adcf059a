import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Public, Requires, TenantsService } from '#accounts';
import { Permission, type Principal, UuidPipe } from '#core';
import { AddSubscriberInput, SubscribeInput, SubscriberFilter, SubscriberPageArgs } from './dto/subscriber.input.js';
import { SubscribeResult, SubscriberModel, SubscriberPage } from './subscriber.model.js';
import { SubscribersService } from './subscribers.service.js';

const ACCEPTED = 'If the address can be subscribed, a confirmation email is on its way. Follow its link to confirm.';

@Resolver(() => SubscriberModel)
export class SubscribersResolver {
  constructor(
    private readonly service: SubscribersService,
    private readonly tenants: TenantsService,
  ) {}

  @Public()
  @Mutation(() => SubscribeResult, {
    description:
      "Subscribe to an organisation's subprocessor changes (no account needed). A confirmation email is sent; " +
      'the answer is the same whether or not the address was already subscribed.',
  })
  async subscribe(@Args('input') input: SubscribeInput): Promise<SubscribeResult> {
    const tenant = await this.service.tenantBySlug(input.tenant);
    await this.service.subscribe(
      tenant,
      { email: input.email, language: input.language ?? tenant.defaultLocale, productIds: input.productIds ?? [] },
      'input.',
    );
    return { accepted: true, message: ACCEPTED };
  }

  @Requires(Permission.Administer)
  @Query(() => SubscriberPage, {
    name: 'subscribers',
    description: 'Email subscribers to subprocessor changes, by address.',
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Args() page: SubscriberPageArgs,
    @Args('filter', { nullable: true }) filter?: SubscriberFilter,
  ): Promise<SubscriberPage> {
    const result = await this.service.list(principal, filter ?? {}, page);
    return { ...result, nodes: result.nodes.map((s) => SubscriberModel.from(s)) };
  }

  @Requires(Permission.Administer)
  @Query(() => SubscriberModel)
  async subscriber(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<SubscriberModel> {
    return SubscriberModel.from(await this.service.get(principal, id));
  }

  @Requires(Permission.Administer)
  @Mutation(() => SubscriberModel, {
    description: 'Add an address (PENDING): it receives a confirmation email and notices once it confirms.',
  })
  async addSubscriber(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AddSubscriberInput,
  ): Promise<SubscriberModel> {
    const language = input.language ?? (await this.tenants.current(principal)).defaultLocale;
    return SubscriberModel.from(
      await this.service.add(principal, { email: input.email, language, productIds: input.productIds ?? [] }),
    );
  }

  @Requires(Permission.Administer)
  @Mutation(() => SubscriberModel, {
    description: 'Stop sending to an address (kept, with its consent record, as UNSUBSCRIBED).',
  })
  async removeSubscriber(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<SubscriberModel> {
    return SubscriberModel.from(await this.service.remove(principal, id));
  }
}
