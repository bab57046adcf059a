import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { Objection } from './objection.entity.js';

export enum ObjectionStatusEnum {
  RECEIVED = 'received',
  UNDER_REVIEW = 'under_review',
  RESOLVED = 'resolved',
  CONTRACT_TERMINATED = 'contract_terminated',
}
registerEnumType(ObjectionStatusEnum, { name: 'ObjectionStatus' });

export enum ObjectionChannelEnum {
  LINK = 'link',
  API = 'api',
}
registerEnumType(ObjectionChannelEnum, { name: 'ObjectionChannel' });

@ObjectType('Objection', { description: "A customer's objection to an announced subprocessor change." })
export class ObjectionModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) changeId!: string;
  @Field(() => ID, { nullable: true }) subscriberId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The controller (party) objecting, when known.' })
  partyId!: string | null;
  @Field(() => ObjectionChannelEnum) channel!: ObjectionChannelEnum;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) organisation!: string | null;
  @Field() reason!: string;
  @Field(() => ObjectionStatusEnum) status!: ObjectionStatusEnum;
  @Field(() => String, { nullable: true }) resolution!: string | null;
  @Field() receivedAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => String, { nullable: true }) updatedBy!: string | null;

  static from(objection: Objection): ObjectionModel {
    return Object.assign(new ObjectionModel(), objection, {
      status: objection.status as ObjectionStatusEnum,
      channel: objection.channel as ObjectionChannelEnum,
    });
  }
}

@InputType()
export class ObjectToChangeInput {
  @Field(() => ID) @IsUUID() changeId!: string;
  @Field() @IsString() @Length(1, 5000) reason!: string;
  @Field(() => ID, { nullable: true, description: 'Admins: the controller objecting. Customer keys: their own.' })
  @IsOptional()
  @IsUUID()
  partyId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 200) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail() @Length(3, 254) email?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 300) organisation?: string;
}

@InputType()
export class ReviewObjectionInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => ObjectionStatusEnum) @IsEnum(ObjectionStatusEnum) status!: ObjectionStatusEnum;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 5000) resolution?: string;
}
