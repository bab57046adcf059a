import { Query, Resolver } from '@nestjs/graphql';
import { Requires } from '#accounts';
import { Permission } from '#core';
import { GDPR_REFERENCE_VERSION } from '#gdpr';
import { REFERENCE } from './reference.mapping.js';
import {
  AdequacyDecisionModel,
  Art9ConditionModel,
  CountryModel,
  DataSubjectCategoryModel,
  LegalBasisModel,
  ReferenceItemModel,
  TomModel,
  TransferMechanismModel,
} from './reference.model.js';

/** The shipped GDPR reference data, read-only: what the register's codes mean and where they come from. */
@Resolver()
export class ReferenceDataResolver {
  @Requires(Permission.Read)
  @Query(() => String, { description: 'Version of the shipped reference data (e.g. 2026-11).' })
  referenceDataVersion(): string {
    return GDPR_REFERENCE_VERSION;
  }

  @Requires(Permission.Read)
  @Query(() => [LegalBasisModel], { description: 'Art. 6(1) lawful bases.' })
  legalBases(): LegalBasisModel[] {
    return REFERENCE.legalBases;
  }

  @Requires(Permission.Read)
  @Query(() => [Art9ConditionModel], { description: 'Art. 9(2) conditions for special-category data.' })
  art9Conditions(): Art9ConditionModel[] {
    return REFERENCE.art9Conditions;
  }

  @Requires(Permission.Read)
  @Query(() => [ReferenceItemModel], { description: 'Art. 10 bases for criminal-conviction data.' })
  art10Bases(): ReferenceItemModel[] {
    return REFERENCE.art10Bases;
  }

  @Requires(Permission.Read)
  @Query(() => [TransferMechanismModel], { description: 'Art. 46 safeguards and Art. 49 derogations.' })
  transferMechanisms(): TransferMechanismModel[] {
    return REFERENCE.transferMechanisms;
  }

  @Requires(Permission.Read)
  @Query(() => [AdequacyDecisionModel], { description: 'Art. 45 adequacy decisions with dates and scope.' })
  adequacyDecisions(): AdequacyDecisionModel[] {
    return REFERENCE.adequacyDecisions;
  }

  @Requires(Permission.Read)
  @Query(() => [TomModel], { description: 'Art. 32 measures, grouped by SDM protection goal.' })
  toms(): TomModel[] {
    return REFERENCE.toms;
  }

  @Requires(Permission.Read)
  @Query(() => [DataSubjectCategoryModel], { description: 'Categories of data subjects (Art. 30(1)(c)).' })
  dataSubjectCategories(): DataSubjectCategoryModel[] {
    return REFERENCE.dataSubjectCategories;
  }

  @Requires(Permission.Read)
  @Query(() => [ReferenceItemModel], { description: 'Kinds of recipient (Art. 30(1)(d)).' })
  recipientKinds(): ReferenceItemModel[] {
    return REFERENCE.recipientKinds;
  }

  @Requires(Permission.Read)
  @Query(() => [ReferenceItemModel], { description: 'What starts a retention period.' })
  retentionTriggers(): ReferenceItemModel[] {
    return REFERENCE.retentionTriggers;
  }

  @Requires(Permission.Read)
  @Query(() => [ReferenceItemModel], { description: 'What happens when a retention period ends.' })
  retentionActions(): ReferenceItemModel[] {
    return REFERENCE.retentionActions;
  }

  @Requires(Permission.Read)
  @Query(() => [CountryModel], { description: 'Countries (ISO 3166-1 alpha-2) and EPO, with EEA and adequacy.' })
  countries(): CountryModel[] {
    return REFERENCE.countries;
  }
}
