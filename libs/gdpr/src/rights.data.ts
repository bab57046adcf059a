// Data-subject rights (reference §5) as codes, so the register can show which apply per purpose.
import { gdpr } from './reference.js';

export const RIGHTS = [
  { code: 'RIGHT_ACCESS', label: { nl: 'Inzage', en: 'Access' }, source: gdpr('Art. 15') },
  { code: 'RIGHT_RECTIFICATION', label: { nl: 'Rectificatie', en: 'Rectification' }, source: gdpr('Art. 16') },
  { code: 'RIGHT_ERASURE', label: { nl: 'Gegevenswissing', en: 'Erasure' }, source: gdpr('Art. 17') },
  {
    code: 'RIGHT_RESTRICTION',
    label: { nl: 'Beperking van de verwerking', en: 'Restriction of processing' },
    source: gdpr('Art. 18'),
  },
  { code: 'RIGHT_PORTABILITY', label: { nl: 'Overdraagbaarheid', en: 'Data portability' }, source: gdpr('Art. 20') },
  { code: 'RIGHT_OBJECT', label: { nl: 'Bezwaar', en: 'Objection' }, source: gdpr('Art. 21(1)') },
  {
    code: 'RIGHT_OBJECT_DIRECT_MARKETING',
    label: { nl: 'Bezwaar tegen direct marketing', en: 'Objection to direct marketing' },
    source: gdpr('Art. 21(2), 21(3)'),
  },
  {
    code: 'RIGHT_WITHDRAW_CONSENT',
    label: { nl: 'Intrekken van toestemming', en: 'Withdrawal of consent' },
    source: gdpr('Art. 7(3)'),
  },
  {
    code: 'RIGHT_HUMAN_INTERVENTION',
    label: {
      nl: 'Menselijke tussenkomst bij geautomatiseerde besluiten',
      en: 'Human intervention in automated decisions',
    },
    source: gdpr('Art. 22(3)'),
  },
] as const;

export type RightCode = (typeof RIGHTS)[number]['code'];
