import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Permission, type Principal } from '#core';
import { AcceptInvitationInput, SignInInput } from '../graphql/account.inputs.js';
import { AuthPayload, type PrincipalKind, ViewerModel } from '../graphql/account.payloads.js';
import { MemberModel } from '../members/member.model.js';
import { MembersService } from '../members/members.service.js';
import { toModel } from '../tenants/tenants.resolver.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { CurrentPrincipal, Public, Requires } from './access.decorators.js';
import { AuthService, type SignedIn } from './auth.service.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly members: MembersService,
    private readonly tenants: TenantsService,
  ) {}

  @Public()
  // Cost points (see apps/api/src/limits/query-cost.ts): argon2 makes every attempt expensive.
  @Mutation(() => AuthPayload, { description: 'Sign in to one organisation with email and password.', complexity: 100 })
  async signIn(@Args('input') input: SignInInput): Promise<AuthPayload> {
    return toPayload(await this.auth.signIn(input.tenant, input.email, input.password));
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Set a password with an invitation token; signs you in.',
    complexity: 100,
  })
  async acceptInvitation(@Args('input') input: AcceptInvitationInput): Promise<AuthPayload> {
    return toPayload(await this.members.acceptInvitation(input.token, input.password, input.displayName));
  }

  @Requires(Permission.Read)
  @Mutation(() => Boolean, { description: 'End the current session.' })
  async signOut(@CurrentPrincipal() principal: Principal): Promise<boolean> {
    await this.auth.signOut(principal);
    return true;
  }

  @Requires(Permission.Read)
  @Query(() => ViewerModel, { description: 'Who you are signed in as.' })
  async viewer(@CurrentPrincipal() principal: Principal): Promise<ViewerModel> {
    const tenant = await this.tenants.current(principal);
    return {
      kind: principal.kind as PrincipalKind,
      role: principal.role,
      label: principal.actorLabel,
      tenant: toModel(tenant),
    };
  }
}

function toPayload(signedIn: SignedIn): AuthPayload {
  const { tenant } = signedIn;
  return {
    token: signedIn.token,
    expiresAt: signedIn.expiresAt,
    member: MemberModel.from(signedIn.member),
    tenant: toModel(tenant),
  };
}
