// Kinds of recipient for Art. 30(1)(d). The kind decides which checks apply: processors need an
// Art. 28(3) contract, and a processor engaged by a processor is a sub-processor (Art. 28(2), (4)).
import { gdpr, type Labels, type Source } from './reference.js';

export const RECIPIENT_KINDS = [
  {
    code: 'RK_INTERNAL',
    label: { nl: 'Interne ontvanger (afdeling of functie)', en: 'Internal recipient (department or role)' },
    source: { ref: 'CNIL registre de base: destinataires internes', tag: 'G' },
  },
  {
    code: 'RK_PROCESSOR',
    label: { nl: 'Verwerker', en: 'Processor' },
    source: gdpr('Art. 4(8), 28'),
  },
  {
    code: 'RK_THIRD_PARTY',
    label: { nl: 'Derde (zelfstandige verwerkingsverantwoordelijke)', en: 'Third party (independent controller)' },
    source: gdpr('Art. 4(10)'),
  },
  {
    code: 'RK_AUTHORITY',
    label: { nl: 'Overheidsinstantie', en: 'Public authority' },
    source: {
      ...gdpr('Art. 4(9)'),
      note: 'Authorities receiving data in a particular inquiry under law are not recipients.',
    },
  },
] as const satisfies readonly { code: string; label: Labels; source: Source }[];

export type RecipientKindCode = (typeof RECIPIENT_KINDS)[number]['code'];
