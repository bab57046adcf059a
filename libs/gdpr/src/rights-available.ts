// Which rights a data subject has for one purpose (reference §2 rule 9). The legal basis decides:
// portability only for consent or contract when processing is automated (Art. 20(1)); objection
// for public task or legitimate interests (Art. 21(1)); erasure does not reach processing needed
// for a legal obligation or a public task (Art. 17(3)(b)).
import type { Art6Code } from './legal-bases.data.js';
import type { RightCode } from './rights.data.js';

export interface RightsInput {
  readonly legalBasis?: Art6Code | null;
  /** Art. 20(1)(b): portability needs processing carried out by automated means. Defaults to true. */
  readonly automatedProcessing?: boolean | null;
  /** Art. 21(2): direct marketing can always be objected to, whatever the basis. */
  readonly directMarketing?: boolean | null;
  /** Art. 22: a decision based solely on automated processing with legal or similar effect. */
  readonly automatedDecision?: boolean | null;
}

export function rightsAvailable(input: RightsInput): RightCode[] {
  const basis = input.legalBasis;
  const rights: RightCode[] = ['RIGHT_ACCESS', 'RIGHT_RECTIFICATION'];
  if (basis !== 'ART6_1_C' && basis !== 'ART6_1_E') rights.push('RIGHT_ERASURE');
  rights.push('RIGHT_RESTRICTION');
  const automated = input.automatedProcessing ?? true;
  if ((basis === 'ART6_1_A' || basis === 'ART6_1_B') && automated) rights.push('RIGHT_PORTABILITY');
  if (basis === 'ART6_1_E' || basis === 'ART6_1_F') rights.push('RIGHT_OBJECT');
  if (input.directMarketing) rights.push('RIGHT_OBJECT_DIRECT_MARKETING');
  if (basis === 'ART6_1_A') rights.push('RIGHT_WITHDRAW_CONSENT');
  if (input.automatedDecision) rights.push('RIGHT_HUMAN_INTERVENTION');
  return rights;
}
