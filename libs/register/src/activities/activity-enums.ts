import { registerEnumType } from '@nestjs/graphql';

// GraphQL enums of an activity. Their values are the stored (lower-case) values, so a model or an
// input passes them to and from the entity unchanged.

export enum ActivityStatusEnum {
  DRAFT = 'draft',
  ACTIVE = 'active',
  RETIRED = 'retired',
}
registerEnumType(ActivityStatusEnum, { name: 'ActivityStatus' });

export enum ActivityRoleEnum {
  CONTROLLER = 'controller',
  JOINT_CONTROLLER = 'joint_controller',
  PROCESSOR = 'processor',
}
registerEnumType(ActivityRoleEnum, {
  name: 'ActivityRole',
  description: 'What the organisation keeping the register is in this activity (Art. 30(1) or 30(2)).',
});

export enum ActivityDataSourceEnum {
  DATA_SUBJECT = 'data_subject',
  THIRD_PARTY = 'third_party',
  PUBLIC_SOURCE = 'public_source',
  CONTROLLER = 'controller',
}
registerEnumType(ActivityDataSourceEnum, {
  name: 'ActivityDataSource',
  description: 'Where the personal data comes from (Art. 14(2)(f)).',
});

export enum ControllerAuthorisationEnum {
  GENERAL = 'general',
  SPECIFIC = 'specific',
}
registerEnumType(ControllerAuthorisationEnum, {
  name: 'ControllerAuthorisation',
  description: 'Art. 28(2): the kind of written authorisation to engage sub-processors.',
});

export enum DpiaStatusEnum {
  NOT_STARTED = 'not_started',
  IN_PROGRESS = 'in_progress',
  DONE = 'done',
}
registerEnumType(DpiaStatusEnum, { name: 'DpiaStatus' });
