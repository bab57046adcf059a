import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SourceTagEnum {
  LAW = 'L',
  GUIDANCE = 'G',
  PRACTICE = 'P',
  UNVERIFIED = 'U',
}
registerEnumType(SourceTagEnum, {
  name: 'SourceTag',
  description: 'How firm a source is.',
  valuesMap: {
    LAW: { description: 'Law text.' },
    GUIDANCE: { description: 'Regulator or EDPB guidance.' },
    PRACTICE: { description: 'Market practice.' },
    UNVERIFIED: { description: 'Unverified: check the official text before relying on it.' },
  },
});

@ObjectType('ReferenceSource', { description: 'Where a reference value comes from.' })
export class ReferenceSourceModel {
  @Field({ description: 'Citation, e.g. "GDPR Art. 6(1)(f)".' }) ref!: string;
  @Field(() => SourceTagEnum) tag!: SourceTagEnum;
  @Field(() => String, { nullable: true, description: 'EUR-Lex CELEX number.' }) celex!: string | null;
  @Field(() => String, { nullable: true, description: 'Date of the instrument (YYYY-MM-DD).' }) date!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

/** Shipped GDPR reference data: a stable code, Dutch and English labels, and its source. */
@ObjectType('ReferenceItem', { description: 'A shipped reference value (legal basis, TOM, retention trigger …).' })
export class ReferenceItemModel {
  @Field({ description: 'Stable code, e.g. ART6_1_F.' }) code!: string;
  @Field() labelNl!: string;
  @Field() labelEn!: string;
  @Field(() => ReferenceSourceModel) source!: ReferenceSourceModel;
}

@ObjectType('LegalBasis', { description: 'An Art. 6(1) lawful basis.' })
export class LegalBasisModel extends ReferenceItemModel {
  @Field({ description: 'Art. 6(3): cite the Union or Member State law.' }) requiresLegalReference!: boolean;
  @Field({ description: 'A legitimate-interests assessment must be documented.' }) requiresLia!: boolean;
  @Field({ description: 'Art. 6(1) second subparagraph.' }) barredForPublicAuthorityTasks!: boolean;
}

@ObjectType('Art9Condition', { description: 'An Art. 9(2) condition for special-category data.' })
export class Art9ConditionModel extends ReferenceItemModel {
  @Field() requiresLegalReference!: boolean;
  @Field() requiresExplicitConsent!: boolean;
  @Field({ description: 'Art. 22(4): may feed automated decisions.' }) allowsAutomatedDecisions!: boolean;
}

@ObjectType('TransferMechanism', { description: 'A Chapter V transfer tool other than adequacy (Art. 46, 49).' })
export class TransferMechanismModel extends ReferenceItemModel {
  @Field({ description: 'ART46 (appropriate safeguards) or ART49 (derogation).' }) kind!: string;
  @Field({ description: 'Schrems II, SCC Clause 14: a transfer impact assessment is needed.' })
  requiresTia!: boolean;
  @Field({ description: 'Art. 49(3).' }) barredForPublicPowers!: boolean;
  @Field({ description: 'Art. 49(1) second subparagraph: inform the supervisory authority.' })
  requiresSaNotification!: boolean;
  @Field(() => String, { nullable: true }) validFrom!: string | null;
  @Field(() => String, { nullable: true }) validUntil!: string | null;
}

@ObjectType('AdequacyScope', { description: 'Who an adequacy decision covers.' })
export class AdequacyScopeModel {
  @Field({ description: 'The decision covers the whole country.' }) whole!: boolean;
  @Field(() => [String], { description: 'Recipient facts that must hold, e.g. DPF_CERTIFIED.' }) requires!: string[];
  @Field(() => [String], { description: 'Recipient facts that put it outside the decision.' }) excludes!: string[];
  @Field(() => String, { nullable: true }) noteNl!: string | null;
  @Field(() => String, { nullable: true }) noteEn!: string | null;
}

@ObjectType('AdequacyAmendment')
export class AdequacyAmendmentModel {
  @Field() decision!: string;
  @Field() celex!: string;
  @Field() date!: string;
  @Field() effectNl!: string;
  @Field() effectEn!: string;
}

@ObjectType('AdequacyDecision', { description: 'A Commission adequacy decision (Art. 45).' })
export class AdequacyDecisionModel extends ReferenceItemModel {
  @Field({ description: 'ISO 3166-1 alpha-2, or EPO.' }) country!: string;
  @Field({ description: 'COUNTRY, TERRITORY or INTERNATIONAL_ORGANISATION.' }) kind!: string;
  @Field({ description: 'E.g. "(EU) 2023/1795".' }) decision!: string;
  @Field() celex!: string;
  @Field() adopted!: string;
  @Field({ description: 'First day it can be relied on.' }) effectiveFrom!: string;
  @Field(() => String, { nullable: true, description: 'Last day of validity; null: no sunset.' })
  validUntil!: string | null;
  @Field(() => AdequacyScopeModel) scope!: AdequacyScopeModel;
  @Field(() => [AdequacyAmendmentModel]) amendments!: AdequacyAmendmentModel[];
  @Field({ description: 'False while IS, LI and NO cannot rely on it yet.' }) eeaIncorporated!: boolean;
  @Field(() => String, { nullable: true }) noteNl!: string | null;
  @Field(() => String, { nullable: true }) noteEn!: string | null;
}

@ObjectType('Tom', { description: 'A technical or organisational measure (Art. 32).' })
export class TomModel extends ReferenceItemModel {
  @Field(() => [ReferenceItemModel], { description: 'Protection goals of the DSK Standard-Datenschutzmodell.' })
  goals!: ReferenceItemModel[];
  @Field(() => [String], { description: 'ISO/IEC 27001:2022 Annex A control ids.' }) iso27001!: string[];
}

@ObjectType('DataSubjectCategory')
export class DataSubjectCategoryModel extends ReferenceItemModel {
  @Field({ description: 'Made up of children (Art. 8 check).' }) child!: boolean;
}

@ObjectType('Country', { description: 'A country (ISO 3166-1 alpha-2) or international organisation (EPO).' })
export class CountryModel {
  @Field() code!: string;
  @Field() nameNl!: string;
  @Field() nameEn!: string;
  @Field({ description: 'In the European Economic Area: no Chapter V transfer.' }) inEea!: boolean;
  @Field() internationalOrganisation!: boolean;
  @Field(() => AdequacyDecisionModel, { nullable: true }) adequacyDecision!: AdequacyDecisionModel | null;
}
