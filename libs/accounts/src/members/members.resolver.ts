import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Permission, type Principal, UuidPipe } from '#core';
import { CurrentPrincipal, Requires } from '../auth/access.decorators.js';
import { ChangeMemberRoleInput, InviteMemberInput } from '../graphql/account.inputs.js';
import { InvitationPayload } from '../graphql/account.payloads.js';
import { MemberModel } from './member.model.js';
import { MembersService } from './members.service.js';

@Resolver(() => MemberModel)
export class MembersResolver {
  constructor(private readonly members: MembersService) {}

  @Requires(Permission.Read)
  @Query(() => [MemberModel], { name: 'members', description: 'Everyone with access to this organisation.' })
  async list(@CurrentPrincipal() principal: Principal): Promise<MemberModel[]> {
    return (await this.members.list(principal)).map((m) => MemberModel.from(m));
  }

  @Requires(Permission.Read)
  @Query(() => MemberModel)
  async member(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<MemberModel> {
    return MemberModel.from(await this.members.get(principal, id));
  }

  @Requires(Permission.Administer)
  @Mutation(() => InvitationPayload, { description: 'Invite someone; pass the returned token to them.' })
  async inviteMember(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: InviteMemberInput,
  ): Promise<InvitationPayload> {
    const { member, invitationToken } = await this.members.invite(principal, input);
    return { member: MemberModel.from(member), invitationToken };
  }

  @Requires(Permission.Administer)
  @Mutation(() => MemberModel)
  async changeMemberRole(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: ChangeMemberRoleInput,
  ): Promise<MemberModel> {
    const member = await this.members.changeRole(
      principal,
      input.memberId.toLowerCase(),
      input.role,
      input.accessExpiresAt ?? null,
    );
    return MemberModel.from(member);
  }

  @Requires(Permission.Administer)
  @Mutation(() => MemberModel, { description: "Remove a member's access and end their sessions." })
  async revokeMember(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<MemberModel> {
    return MemberModel.from(await this.members.revoke(principal, id));
  }
}
