// Shared shapes of the GDPR reference data: every item carries a stable code, nl/en labels and
// the source it comes from, so the register can show why a value exists and when it was checked.

/** Version of the reference set (compiled 2026-11); bump it whenever any data file changes. */
export const GDPR_REFERENCE_VERSION = '2026-11';

/** CELEX number of Regulation (EU) 2016/679 (GDPR). */
export const GDPR_CELEX = '32016R0679';

export type Lang = 'nl' | 'en';

export interface Labels {
  readonly nl: string;
  readonly en: string;
}

/**
 * How firm a source is, as tagged in the reference: L = law text, G = regulator/EDPB guidance,
 * P = market practice, U = unverified (check the official text before relying on it).
 */
export type SourceTag = 'L' | 'G' | 'P' | 'U';

export interface Source {
  /** Human citation, e.g. "GDPR Art. 6(1)(a)" or "Commission Implementing Decision (EU) 2021/914". */
  readonly ref: string;
  readonly tag: SourceTag;
  readonly celex?: string;
  /** Date of the instrument or guidance (ISO YYYY-MM-DD). */
  readonly date?: string;
  readonly note?: string;
}

/** Source for an article of the GDPR itself. */
export function gdpr(article: string): Source {
  return { ref: `GDPR ${article}`, tag: 'L', celex: GDPR_CELEX };
}

/** Looks an item up by code; typed so a known code yields a defined item. */
export function byCode<T extends { readonly code: string }>(
  items: readonly T[],
  code: string | null | undefined,
): T | undefined {
  return code == null ? undefined : items.find((item) => item.code === code);
}
