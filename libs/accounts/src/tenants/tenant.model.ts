import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum LocaleEnum {
  nl = 'nl',
  en = 'en',
}
registerEnumType(LocaleEnum, { name: 'Locale', description: 'Language of labels, emails and pages.' });

@ObjectType('Tenant', { description: 'An organisation using art30.' })
export class TenantModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'URL name, e.g. "cradeq".' }) slug!: string;
  @Field() name!: string;
  @Field(() => LocaleEnum) defaultLocale!: LocaleEnum;
  @Field(() => Int, {
    description: 'Art. 28(2): default days between announcing a subprocessor change and its effect.',
  })
  noticePeriodDays!: number;
}
