import {
  ART10_BASES,
  ART22_EXCEPTIONS,
  ART6_BASES,
  ART9_CONDITIONS,
  countryName,
  DATA_CATEGORIES,
  DATA_SUBJECT_CATEGORIES,
  type Labels,
  type Lang,
  RECIPIENT_KINDS,
  RETENTION_ACTIONS,
  RETENTION_JUSTIFICATIONS,
  RETENTION_TRIGGERS,
  RIGHTS,
  TOMS,
  TRANSFER_MECHANISMS,
} from '#gdpr';
import type { RegisterSnapshotReader } from '../exports/register-stream.js';

// Reference codes in words (the #gdpr labels), for the layouts people read: ICO, CNIL, PDF.

const index = (items: ReadonlyArray<{ code: string; label: Labels }>) =>
  new Map(items.map((item) => [item.code, item.label]));

const LABELS = new Map<string, Labels>([
  ...index(ART6_BASES),
  ...index(ART9_CONDITIONS),
  ...index(ART10_BASES),
  ...index(ART22_EXCEPTIONS),
  ...index(DATA_SUBJECT_CATEGORIES),
  ...index(DATA_CATEGORIES),
  ...index(RECIPIENT_KINDS),
  ...index(TRANSFER_MECHANISMS),
  ...index(RETENTION_TRIGGERS),
  ...index(RETENTION_ACTIONS),
  ...index(RETENTION_JUSTIFICATIONS),
  ...index(TOMS),
  ...index(RIGHTS),
]);

const STATUS: Record<string, Labels> = {
  WITHIN_EEA: { nl: 'Binnen de EER', en: 'Within the EEA' },
  ADEQUATE: { nl: 'Passend beschermingsniveau', en: 'Adequacy decision' },
  SAFEGUARDED: { nl: 'Passende waarborgen', en: 'Appropriate safeguards' },
  DEROGATION: { nl: 'Uitzondering (art. 49)', en: 'Derogation (Art. 49)' },
  SAFEGUARDED_NO_TIA: { nl: 'Waarborgen zonder TIA', en: 'Safeguards, no TIA' },
  NO_VALID_MECHANISM: { nl: 'Geen geldig doorgiftemechanisme', en: 'No valid transfer mechanism' },
};

/** A code in words; a tenant's own data category by its own label; unknown codes as they are. */
export function label(code: string | null | undefined, lang: Lang, reader?: RegisterSnapshotReader): string {
  if (!code) return '';
  const custom = reader?.categories.get(code);
  if (custom) return lang === 'nl' ? custom.labelNl : custom.labelEn;
  return LABELS.get(code)?.[lang] ?? code;
}

export function labels(codes: readonly string[], lang: Lang, reader?: RegisterSnapshotReader): string[] {
  return codes.map((code) => label(code, lang, reader));
}

export function statusLabel(status: string | null | undefined, lang: Lang): string {
  return status ? (STATUS[status]?.[lang] ?? status) : '';
}

export function country(code: string | null | undefined, lang: Lang): string {
  return code ? countryName(code, lang) : '';
}

export const yesNo = (value: boolean | null | undefined, lang: Lang): string | null =>
  value === null || value === undefined ? null : value ? (lang === 'nl' ? 'ja' : 'yes') : lang === 'nl' ? 'nee' : 'no';

export const l = (nl: string, en: string): Labels => ({ nl, en });

/** Non-empty parts joined, or null. */
export function joined(parts: ReadonlyArray<string | null | undefined>, separator = ', '): string | null {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return kept.length ? kept.join(separator) : null;
}
