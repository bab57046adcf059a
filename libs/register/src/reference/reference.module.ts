import { Module } from '@nestjs/common';
import { AccountsModule } from '#accounts';
import { LocalisedFieldResolver } from './localised.resolver.js';
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
import { ReferenceDataResolver } from './reference.resolver.js';

export const REFERENCE_RESOLVERS = [
  ReferenceDataResolver,
  ...[
    ReferenceItemModel,
    LegalBasisModel,
    Art9ConditionModel,
    TransferMechanismModel,
    AdequacyDecisionModel,
    TomModel,
    DataSubjectCategoryModel,
  ].map((type) => LocalisedFieldResolver(type)),
  LocalisedFieldResolver(CountryModel, 'name'),
];

/** Read-only GDPR reference data; labels follow the tenant's locale (TenantsService). */
@Module({ imports: [AccountsModule], providers: [...REFERENCE_RESOLVERS] })
export class ReferenceDataModule {}
