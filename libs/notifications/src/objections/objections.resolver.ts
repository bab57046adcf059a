import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { Permission, type Principal } from '#core';
import { ObjectionModel, ObjectToChangeInput, ReviewObjectionInput } from './objection.graphql.js';
import { ObjectionsService } from './objections.service.js';

@Resolver(() => ObjectionModel)
export class ObjectionsResolver {
  constructor(private readonly service: ObjectionsService) {}

  @Requires(Permission.Subscribe)
  @Query(() => [ObjectionModel], {
    description: 'Objections to subprocessor changes (a customer key sees its own organisation’s).',
  })
  async objections(@CurrentPrincipal() principal: Principal): Promise<ObjectionModel[]> {
    return (await this.service.list(principal)).map(ObjectionModel.from);
  }

  @Requires(Permission.Subscribe)
  @Mutation(() => ObjectionModel, {
    description: 'Object to an announced change before its objection deadline.',
  })
  async objectToSubprocessorChange(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: ObjectToChangeInput,
  ): Promise<ObjectionModel> {
    const { changeId, partyId, ...text } = input;
    return ObjectionModel.from(await this.service.fileViaApi(principal, changeId, text, partyId));
  }

  @Requires(Permission.Write)
  @Mutation(() => ObjectionModel, { description: 'Move an objection on: under review, resolved, contract terminated.' })
  async reviewObjection(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: ReviewObjectionInput,
  ): Promise<ObjectionModel> {
    return ObjectionModel.from(await this.service.review(principal, input.id, input.status, input.resolution));
  }
}
