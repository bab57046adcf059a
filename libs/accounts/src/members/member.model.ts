import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '#core';
import type { Member } from './member.entity.js';

export enum MemberStatus {
  INVITED = 'invited',
  ACTIVE = 'active',
  EXPIRED = 'expired',
  REVOKED = 'revoked',
}
registerEnumType(MemberStatus, { name: 'MemberStatus' });

@ObjectType('Member', { description: 'A person with access to this organisation. Secrets never appear here.' })
export class MemberModel {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() displayName!: string;
  @Field(() => Role) role!: Role;
  @Field(() => MemberStatus) status!: MemberStatus;
  @Field(() => Date, { nullable: true, description: 'Auditors only: access ends at this moment.' })
  accessExpiresAt!: Date | null;
  @Field() createdAt!: Date;

  static from(member: Member, now = new Date()): MemberModel {
    const status = member.revokedAt
      ? MemberStatus.REVOKED
      : member.accessExpiresAt && member.accessExpiresAt <= now
        ? MemberStatus.EXPIRED
        : member.passwordHash
          ? MemberStatus.ACTIVE
          : MemberStatus.INVITED;
    return Object.assign(new MemberModel(), {
      id: member.id,
      email: member.email,
      displayName: member.displayName,
      role: member.role,
      status,
      accessExpiresAt: member.accessExpiresAt,
      createdAt: member.createdAt,
    });
  }
}
