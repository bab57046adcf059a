// Human explanations (nl/en) for a computed transfer status. Kept apart from the decision logic so
// transfer-status.ts reads as the legal test and this file as the wording.
import type { RecipientScopeFlag } from './adequacy.data.js';
import type { AdequacyCheck } from './adequacy.js';
import { countryName } from './countries.js';
import type { Labels } from './reference.js';
import type { TransferMechanism } from './transfer-mechanisms.data.js';

type Text = Labels;
const both = (nl: string, en: string): Text => ({ nl, en });
export const join = (...parts: Text[]): Text =>
  both(parts.map((p) => p.nl).join(' '), parts.map((p) => p.en).join(' '));

const SCOPE_TEXT: Record<RecipientScopeFlag, (decision: string) => Text> = {
  dpfCertified: (d) =>
    both(
      `Niet bevestigd dat de ontvanger onder het EU-US Data Privacy Framework gecertificeerd is; ${d} dekt alleen gecertificeerde organisaties.`,
      `Recipient not confirmed as certified under the EU-US Data Privacy Framework; ${d} covers certified organisations only.`,
    ),
  pipedaCovered: (d) =>
    both(
      `Niet bevestigd dat de ontvanger onder PIPEDA valt (commerciële activiteit); ${d} dekt alleen zulke ontvangers.`,
      `Recipient not confirmed as subject to PIPEDA (commercial activity); ${d} covers only such recipients.`,
    ),
  publicSector: (d) =>
    both(
      `De ontvanger is een overheidsorgaan; ${d} dekt de publieke sector niet.`,
      `The recipient is a public-sector body; ${d} does not cover the public sector.`,
    ),
  outsideDecisionScope: (d) =>
    both(
      `De ontvanger of doorgifte valt buiten de reikwijdte van ${d}.`,
      `The recipient or transfer falls outside the scope of ${d}.`,
    ),
};

function names(destination: string): Text {
  return both(countryName(destination, 'nl'), countryName(destination, 'en'));
}

export const unknownLocation = (): Text =>
  both(
    'Verwerkingslocatie onbekend: de doorgifte kan niet worden beoordeeld.',
    'Processing location unknown: the transfer cannot be assessed.',
  );

export function withinEea(destination: string): Text {
  const n = names(destination);
  return both(
    `${n.nl} ligt in de EER: geen doorgifte naar een derde land.`,
    `${n.en} is in the EEA: not a transfer to a third country.`,
  );
}

export function adequate(destination: string, check: AdequacyCheck & { adequate: true }): Text {
  const n = names(destination);
  const d = check.decision;
  const scope = d.scope.note;
  return both(
    `Adequaatheidsbesluit ${d.decision} (${n.nl}), art. 45 AVG.${scope ? ` Reikwijdte: ${scope.nl}.` : ''}`,
    `Adequacy decision ${d.decision} (${n.en}), GDPR Art. 45.${scope ? ` Scope: ${scope.en}.` : ''}`,
  );
}

/** Why no adequacy decision carries this transfer. */
export function adequacyGap(destination: string, check: AdequacyCheck & { adequate: false }): Text {
  const n = names(destination);
  const d = check.decision;
  if (!d) return both(`${n.nl}: geen adequaatheidsbesluit.`, `${n.en}: no adequacy decision.`);
  const id = d.decision;
  switch (check.gap) {
    case 'NOT_YET_IN_FORCE':
      return both(
        `Adequaatheidsbesluit ${id} (${n.nl}) geldt pas vanaf ${d.effectiveFrom}.`,
        `Adequacy decision ${id} (${n.en}) applies only from ${d.effectiveFrom}.`,
      );
    case 'EXPIRED':
      return both(
        `Adequaatheidsbesluit ${id} (${n.nl}) gold tot en met ${d.validUntil}.`,
        `Adequacy decision ${id} (${n.en}) was valid until ${d.validUntil}.`,
      );
    case 'SCOPE_NOT_CONFIRMED':
    case 'SCOPE_EXCLUDED':
      return SCOPE_TEXT[check.flag ?? 'outsideDecisionScope'](id);
    case 'NOT_INCORPORATED_IN_EEA':
      return both(
        `${id} is nog niet in de EER-overeenkomst opgenomen; exporteurs in IJsland, Liechtenstein en Noorwegen kunnen er niet op steunen.`,
        `${id} is not yet incorporated into the EEA Agreement; exporters in Iceland, Liechtenstein and Norway cannot rely on it.`,
      );
    case 'NO_DECISION':
      return both(`${n.nl}: geen adequaatheidsbesluit.`, `${n.en}: no adequacy decision.`);
  }
}

export const noMechanism = (): Text =>
  both(
    'Geen doorgiftemechanisme (art. 46) of uitzondering (art. 49) vastgelegd.',
    'No transfer mechanism (Art. 46) or derogation (Art. 49) recorded.',
  );

export const unknownMechanism = (code: string): Text =>
  both(`Onbekend doorgiftemechanisme "${code}".`, `Unknown transfer mechanism "${code}".`);

export function mechanismNotValid(m: TransferMechanism, asOf: string): Text {
  const window = `${m.validFrom ?? '…'} – ${m.validUntil ?? '…'}`;
  return both(
    `${m.label.nl} is op ${asOf} niet geldig (${window}).`,
    `${m.label.en} is not valid on ${asOf} (${window}).`,
  );
}

export const barredForPublicPowers = (m: TransferMechanism): Text =>
  both(
    `${m.label.nl} is niet beschikbaar voor overheidsinstanties die hun publieke bevoegdheden uitoefenen (art. 49(3)).`,
    `${m.label.en} is not available to public authorities exercising their public powers (Art. 49(3)).`,
  );

export function safeguarded(m: TransferMechanism, tiaReference: string | null): Text {
  return tiaReference
    ? both(
        `Passende waarborg: ${m.label.nl}; doorgiftebeoordeling (TIA) ${tiaReference} vastgelegd.`,
        `Appropriate safeguard: ${m.label.en}; transfer impact assessment (TIA) ${tiaReference} on file.`,
      )
    : both(
        `Passende waarborg: ${m.label.nl}, maar geen doorgiftebeoordeling (TIA) vastgelegd.`,
        `Appropriate safeguard: ${m.label.en}, but no transfer impact assessment (TIA) recorded.`,
      );
}

export const derogation = (m: TransferMechanism): Text =>
  both(
    `Uitzondering voor specifieke situaties (art. 49): ${m.label.nl}; alleen voor incidentele doorgiften.`,
    `Derogation for specific situations (Art. 49): ${m.label.en}; for occasional transfers only.`,
  );
