import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ReadAt } from '../common/as-of.js';
import { Connection } from '../common/pagination.js';
import { PARTY_ROLES, type Party } from './party.entity.js';

export enum PartyRoleEnum {
  OWN_ORGANISATION = 'own_organisation',
  CONTROLLER = 'controller',
  JOINT_CONTROLLER = 'joint_controller',
  PROCESSOR = 'processor',
  SUBPROCESSOR = 'subprocessor',
  REPRESENTATIVE = 'representative',
  RECIPIENT = 'recipient',
}
registerEnumType(PartyRoleEnum, { name: 'PartyRole', description: 'What an organisation is to the tenant.' });
void PARTY_ROLES;

@ObjectType('Certification', { description: 'E.g. EU_US_DPF (EU-US Data Privacy Framework), ISO_27001.' })
export class CertificationModel {
  @Field() code!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) since!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) until!: string | null;
  @Field(() => String, { nullable: true }) reference!: string | null;
}

@ObjectType('Party', { description: 'An organisation the register names: own entity, controller, vendor, recipient …' })
export class PartyModel implements ReadAt {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => [PartyRoleEnum]) roles!: PartyRoleEnum[];
  @Field(() => String, { nullable: true }) legalForm!: string | null;
  @Field(() => String, { nullable: true, description: 'E.g. the KvK number.' }) registrationNumber!: string | null;
  @Field(() => String, { nullable: true }) street!: string | null;
  @Field(() => String, { nullable: true }) postalCode!: string | null;
  @Field(() => String, { nullable: true }) city!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' }) country!: string | null;
  @Field(() => String, { nullable: true }) contactName!: string | null;
  @Field(() => String, { nullable: true }) contactEmail!: string | null;
  @Field(() => String, { nullable: true }) contactPhone!: string | null;
  @Field(() => String, { nullable: true }) dpoName!: string | null;
  @Field(() => String, { nullable: true }) dpoEmail!: string | null;
  @Field(() => String, { nullable: true }) dpoPhone!: string | null;
  @Field(() => String, { nullable: true }) website!: string | null;
  @Field() isPublicAuthority!: boolean;
  @Field(() => Int, { nullable: true }) staffCount!: number | null;
  @Field(() => [CertificationModel]) certifications!: CertificationModel[];
  @Field(() => Boolean, { description: 'Certified under the EU-US Data Privacy Framework (certification EU_US_DPF).' })
  dpfCertified!: boolean;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true, description: 'Your own key for imports (unique per tenant).' })
  externalKey!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  readAt?: Date;

  static from(party: Party, readAt?: Date): PartyModel {
    return Object.assign(new PartyModel(), party, {
      roles: party.roles as PartyRoleEnum[],
      certifications: party.certifications.map((c) => ({ since: null, until: null, reference: null, ...c })),
      dpfCertified: party.certifications.some((c) => c.code === 'EU_US_DPF'),
      readAt,
    });
  }
}

export const PartyConnection = Connection(PartyModel, 'Party');
