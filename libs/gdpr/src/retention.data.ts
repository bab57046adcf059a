// Retention model (reference §8): a period is a duration after a trigger, followed by an action.
// Art. 30(1)(f) asks for envisaged erasure limits per data category "where possible";
// Art. 13(2)(a) and 14(2)(a) accept the criteria used when a fixed period is not possible.
import { gdpr, type Labels, type Source } from './reference.js';

const MODEL: Source = { ...gdpr('Art. 5(1)(e), 30(1)(f), 13(2)(a)'), note: 'Retention model of the reference §8' };

function item<const C extends string>(code: C, nl: string, en: string, source: Source = MODEL) {
  return { code, label: { nl, en } as Labels, source };
}

export const RETENTION_TRIGGERS = [
  item('RT_COLLECTION', 'Na verzameling', 'After collection'),
  item('RT_LAST_ACTIVITY', 'Na de laatste activiteit of het laatste contact', 'After the last activity or contact'),
  item('RT_CONTRACT_END', 'Na einde van de overeenkomst', 'After the contract ends'),
  item('RT_ACCOUNT_CLOSURE', 'Na opheffing van het account', 'After the account is closed'),
  item('RT_ACCOUNT_NO_LONGER_NEEDED', 'Nadat het account niet meer nodig is', 'After the account is no longer needed'),
  item('RT_FISCAL_YEAR_END', 'Na einde van het boekjaar', 'After the end of the financial year'),
  item('RT_CONSENT_WITHDRAWAL', 'Na intrekking van de toestemming', 'After consent is withdrawn'),
  item('RT_PROCEEDINGS_END', 'Na afloop van een procedure', 'After proceedings end'),
] as const;

export type RetentionTriggerCode = (typeof RETENTION_TRIGGERS)[number]['code'];

export const RETENTION_ACTIONS = [
  item('RA_DELETE', 'Verwijderen', 'Delete'),
  item('RA_ANONYMISE', 'Anonimiseren', 'Anonymise'),
  item('RA_ARCHIVE_RESTRICTED', 'Beperkt archiveren', 'Archive with restricted access'),
  item('RA_REVIEW', 'Periodiek herbeoordelen', 'Review periodically', {
    ...gdpr('Recital 39'),
    note: 'Time limits for erasure or for a periodic review.',
  }),
] as const;

export type RetentionActionCode = (typeof RETENTION_ACTIONS)[number]['code'];

/** Why a period is what it is; a legal obligation must name the law (EDPB erasure report, 2026 [U]). */
export const RETENTION_JUSTIFICATIONS = [
  {
    ...item('RJ_LEGAL_OBLIGATION', 'Wettelijke bewaarplicht', 'Statutory retention obligation', {
      ...gdpr('Art. 6(1)(c), 17(3)(b)'),
      note: 'EDPB report on the right to erasure (10 Feb 2026) asks to name the obligation [U].',
    }),
    requiresLegalReference: true,
  },
  {
    ...item(
      'RJ_LIMITATION_PERIOD',
      'Verjaringstermijn voor rechtsvorderingen',
      'Limitation period for legal claims',
      gdpr('Art. 17(3)(e)'),
    ),
    requiresLegalReference: false,
  },
  { ...item('RJ_CONTRACT', 'Nodig voor de overeenkomst', 'Needed for the contract'), requiresLegalReference: false },
  {
    ...item('RJ_CONSENT', 'Zolang de toestemming geldt', 'For as long as consent stands', gdpr('Art. 7(3)')),
    requiresLegalReference: false,
  },
  {
    ...item('RJ_OPERATIONAL_NEED', 'Operationele noodzaak (eigen beleid)', 'Operational need (own policy)'),
    requiresLegalReference: false,
  },
  {
    ...item('RJ_REGULATOR_GUIDANCE', 'Aanbeveling van een toezichthouder', 'Supervisory-authority guidance', {
      ref: 'e.g. CNIL: prospects 3 years from collection or last contact',
      tag: 'G',
    }),
    requiresLegalReference: false,
  },
] as const;

export type RetentionJustificationCode = (typeof RETENTION_JUSTIFICATIONS)[number]['code'];
