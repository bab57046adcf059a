import { registerEnumType } from '@nestjs/graphql';

/** Values as #gdpr names them, so a computed status passes through unchanged. */
export enum TransferStatusEnum {
  WITHIN_EEA = 'WITHIN_EEA',
  ADEQUATE = 'ADEQUATE',
  SAFEGUARDED = 'SAFEGUARDED',
  DEROGATION = 'DEROGATION',
  SAFEGUARDED_NO_TIA = 'SAFEGUARDED_NO_TIA',
  NO_VALID_MECHANISM = 'NO_VALID_MECHANISM',
}
registerEnumType(TransferStatusEnum, {
  name: 'TransferStatus',
  description: 'Computed as of the read instant (GDPR Chapter V), best to worst; never stored.',
});
