import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '#core';
import { MemberModel } from '../members/member.model.js';
import { TenantModel } from '../tenants/tenant.model.js';

@ObjectType({ description: 'A new session. Send the token as "Authorization: Bearer <token>".' })
export class AuthPayload {
  @Field() token!: string;
  @Field() expiresAt!: Date;
  @Field(() => MemberModel) member!: MemberModel;
  @Field(() => TenantModel) tenant!: TenantModel;
}

@ObjectType({ description: 'The invited member and the one-time invitation token to pass on to them.' })
export class InvitationPayload {
  @Field(() => MemberModel) member!: MemberModel;
  @Field() invitationToken!: string;
}

export enum PrincipalKind {
  USER = 'user',
  API_KEY = 'api_key',
}
registerEnumType(PrincipalKind, { name: 'PrincipalKind' });

@ObjectType('Viewer', { description: 'Who is calling: a signed-in member or an API key.' })
export class ViewerModel {
  @Field(() => PrincipalKind) kind!: PrincipalKind;
  @Field(() => Role) role!: Role;
  @Field({ description: 'Member email or API key name.' }) label!: string;
  @Field(() => TenantModel) tenant!: TenantModel;
}
