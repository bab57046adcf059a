import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ChangeApproval } from './change-approval.entity.js';
import type { SubprocessorChange } from './subprocessor-change.entity.js';

export enum ChangeKindEnum {
  ADDED = 'added',
  CHANGED = 'changed',
  REPLACED = 'replaced',
  REMOVED = 'removed',
}
registerEnumType(ChangeKindEnum, { name: 'SubprocessorChangeKind' });

export enum ChangeStatusEnum {
  ANNOUNCED = 'announced',
  AWAITING_APPROVAL = 'awaiting_approval',
  EFFECTIVE = 'effective',
  WITHDRAWN = 'withdrawn',
  REJECTED = 'rejected',
}
registerEnumType(ChangeStatusEnum, {
  name: 'SubprocessorChangeStatus',
  description:
    'ANNOUNCED: notified, takes effect at effectiveAt. AWAITING_APPROVAL: a controller on specific authorisation has ' +
    'not yet approved. EFFECTIVE: in force. WITHDRAWN: called off. REJECTED: a controller refused it.',
});

export enum ApprovalStatusEnum {
  PENDING = 'pending',
  APPROVED = 'approved',
  REJECTED = 'rejected',
}
registerEnumType(ApprovalStatusEnum, { name: 'ChangeApprovalStatus' });

@ObjectType('SubprocessorChangeSubject', { description: 'The subprocessor as announced (frozen at announcement).' })
export class ChangeSubjectModel {
  @Field() vendorName!: string;
  @Field(() => String, { nullable: true }) vendorCountry!: string | null;
  @Field() purpose!: string;
  @Field(() => [String]) processingLocations!: string[];
  @Field(() => [String]) accessLocations!: string[];
  @Field(() => String, { nullable: true }) transferMechanism!: string | null;
  @Field(() => [String]) dataCategoryCodes!: string[];
  @Field(() => [String]) productNames!: string[];
  @Field(() => String, { nullable: true, description: 'Replacements: the vendor replaced.' })
  replacedVendorName!: string | null;
}

@ObjectType('SubprocessorFieldChange', { description: 'One engagement field before and after the change.' })
export class ChangeFieldDiffModel {
  @Field() field!: string;
  @Field(() => String, { nullable: true, description: 'JSON text (null: none).' }) before!: string | null;
  @Field(() => String, { nullable: true, description: 'JSON text (null: none).' }) after!: string | null;
}

@ObjectType('ChangeApproval', { description: 'A controller on specific authorisation and its decision.' })
export class ChangeApprovalModel {
  @Field(() => ID) partyId!: string;
  @Field(() => ApprovalStatusEnum) status!: ApprovalStatusEnum;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true }) decidedBy!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;

  static from(approval: ChangeApproval): ChangeApprovalModel {
    return Object.assign(new ChangeApprovalModel(), approval, { status: approval.status as ApprovalStatusEnum });
  }
}

@ObjectType('SubprocessorChange', {
  description: 'An announced addition, change, replacement or removal of a subprocessor (GDPR Art. 28(2)).',
})
export class SubprocessorChangeModel {
  @Field(() => ID) id!: string;
  @Field(() => ChangeKindEnum) kind!: ChangeKindEnum;
  @Field(() => ChangeStatusEnum) status!: ChangeStatusEnum;
  @Field(() => ID, { description: 'The engagement added, changed or removed (replacements: the new one).' })
  engagementId!: string;
  @Field(() => ID, { nullable: true }) replacedEngagementId!: string | null;
  @Field(() => ChangeSubjectModel) subject!: ChangeSubjectModel;
  @Field(() => [ChangeFieldDiffModel]) diff!: ChangeFieldDiffModel[];
  @Field(() => [ID], { description: 'Products concerned (empty: all).' }) productIds!: string[];
  @Field(() => Int) noticePeriodDays!: number;
  @Field() announcedAt!: Date;
  @Field() effectiveAt!: Date;
  @Field() objectionDeadline!: Date;
  @Field(() => String, { nullable: true, description: 'Set when the change took effect at once.' })
  urgentReason!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Date, { nullable: true }) effectedAt!: Date | null;
  @Field(() => Date, { nullable: true }) withdrawnAt!: Date | null;
  @Field(() => String, { nullable: true }) withdrawalReason!: string | null;
  @Field() createdBy!: string;

  static from(change: SubprocessorChange): SubprocessorChangeModel {
    return Object.assign(new SubprocessorChangeModel(), change, {
      kind: change.kind as ChangeKindEnum,
      status: change.status as ChangeStatusEnum,
      subject: { replacedVendorName: null, ...change.subject },
      diff: change.diff.map((d) => ({ field: d.field, before: json(d.before), after: json(d.after) })),
    });
  }
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
