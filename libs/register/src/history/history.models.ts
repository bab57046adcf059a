import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfo } from '../common/pagination.js';
import type { FieldDiff } from './change-summary.js';
import type { ChangeEntry, ChangeSet } from './changelog.service.js';
import type { Lang } from './locale.js';

export enum RegisterEntityTypeEnum {
  PARTY = 'parties',
  PRODUCT = 'products',
  DATA_CATEGORY = 'data_categories',
  ACTIVITY = 'activities',
  ENGAGEMENT = 'engagements',
  COOKIE = 'cookies',
  EXPORT = 'register_exports',
}
registerEnumType(RegisterEntityTypeEnum, { name: 'RegisterEntityType', description: 'A kind of register object.' });

export enum RegisterChangeOpEnum {
  INSERT = 'insert',
  UPDATE = 'update',
  DELETE = 'delete',
}
registerEnumType(RegisterChangeOpEnum, { name: 'RegisterChangeOp' });

const JSON_VALUE = { nullable: true, description: 'The value as JSON text (null: none).' } as const;

@ObjectType('RegisterFieldChange', { description: 'One top-level field an update changed.' })
export class RegisterFieldChangeModel {
  @Field({ description: 'The field as the API names it, e.g. "retention".' }) field!: string;
  @Field({ description: 'The field in words, in the requested language.' }) label!: string;
  @Field() labelNl!: string;
  @Field() labelEn!: string;
  @Field(() => String, JSON_VALUE) before!: string | null;
  @Field(() => String, JSON_VALUE) after!: string | null;

  static from(diff: FieldDiff, lang: Lang): RegisterFieldChangeModel {
    return Object.assign(new RegisterFieldChangeModel(), {
      field: diff.field,
      label: diff.label[lang],
      labelNl: diff.label.nl,
      labelEn: diff.label.en,
      before: diff.before === null ? null : JSON.stringify(diff.before),
      after: diff.after === null ? null : JSON.stringify(diff.after),
    });
  }
}

@ObjectType('RegisterChange', { description: 'One history entry: an insert, update or delete of one object.' })
export class RegisterChangeModel {
  @Field({ description: 'Position in the hash chain (a 64-bit number, as text).' }) seq!: string;
  @Field(() => RegisterEntityTypeEnum) entityType!: RegisterEntityTypeEnum;
  @Field(() => ID) entityId!: string;
  @Field(() => RegisterChangeOpEnum) op!: RegisterChangeOpEnum;
  @Field({ description: 'What the object is called (an engagement: its vendor).' }) name!: string;
  @Field({ description: 'In the requested language, e.g. "Subprocessor Google Workspace added".' })
  summary!: string;
  @Field() summaryNl!: string;
  @Field() summaryEn!: string;
  @Field(() => [RegisterFieldChangeModel], { description: 'Updates only: the changed fields, before and after.' })
  fields!: RegisterFieldChangeModel[];
  @Field({ description: 'Who made the change (member email or API key name).' }) actor!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field({ description: 'When the change took effect (earlier than recordedAt for backdated imports).' })
  effectiveAt!: Date;
  @Field({ description: 'When it was recorded.' }) recordedAt!: Date;

  static from(entry: ChangeEntry, lang: Lang): RegisterChangeModel {
    return Object.assign(new RegisterChangeModel(), {
      seq: entry.seq,
      entityType: entry.entityType as RegisterEntityTypeEnum,
      entityId: entry.entityId,
      op: entry.op as RegisterChangeOpEnum,
      name: entry.name[lang],
      summary: entry.summary[lang],
      summaryNl: entry.summary.nl,
      summaryEn: entry.summary.en,
      fields: entry.fields.map((f) => RegisterFieldChangeModel.from(f, lang)),
      actor: entry.actor,
      note: entry.note,
      effectiveAt: entry.effectiveAt,
      recordedAt: entry.recordedAt,
    });
  }
}

@ObjectType('RegisterChangeSet', { description: 'Everything one transaction changed: one change as a person made it.' })
export class RegisterChangeSetModel {
  @Field(() => ID) id!: string;
  @Field() effectiveAt!: Date;
  @Field() recordedAt!: Date;
  @Field() actor!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field({ description: 'The changes in one line, in the requested language.' }) summary!: string;
  @Field() summaryNl!: string;
  @Field() summaryEn!: string;
  @Field(() => [RegisterChangeModel]) changes!: RegisterChangeModel[];

  static from(set: ChangeSet, lang: Lang): RegisterChangeSetModel {
    return Object.assign(new RegisterChangeSetModel(), {
      ...set,
      summary: set.summary[lang],
      summaryNl: set.summary.nl,
      summaryEn: set.summary.en,
      changes: set.changes.map((c) => RegisterChangeModel.from(c, lang)),
    });
  }
}

@ObjectType('RegisterChangeSetEdge')
export class RegisterChangeSetEdge {
  @Field() cursor!: string;
  @Field(() => RegisterChangeSetModel) node!: RegisterChangeSetModel;
}

@ObjectType('RegisterChangelog', { description: 'The register history per transaction, newest first.' })
export class RegisterChangelogModel {
  @Field(() => [RegisterChangeSetEdge]) edges!: RegisterChangeSetEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many change sets match the filter, over all pages.' }) totalCount!: number;
  @Field(() => String, { nullable: true, description: 'SHA-256 (hex) of the newest entry of the hash chain.' })
  headHash!: string | null;
  @Field(() => Int, { description: 'Entries in the hash chain.' }) chainLength!: number;
}

@ObjectType('RegisterHistoryVerification', { description: "The outcome of recomputing the tenant's hash chain." })
export class RegisterHistoryVerificationModel {
  @Field() ok!: boolean;
  @Field(() => Int, { description: 'Entries verified.' }) length!: number;
  @Field(() => String, { nullable: true, description: 'SHA-256 (hex) the chain head records.' })
  headHash!: string | null;
  @Field() checkedAt!: Date;
  @Field(() => String, { nullable: true, description: 'The first entry (seq) that fails, when one does.' })
  firstBrokenSeq!: string | null;
  @Field(() => String, { nullable: true, description: 'What is wrong, in a sentence.' }) problem!: string | null;
}
