// Checks on retention wording: ISO 8601 durations, and the "as long as necessary" phrasing that
// states neither a period nor a criterion (Art. 13(2)(a) asks for one or the other).

/** ISO 8601 duration (P3Y, P180D, P1Y6M, P2W, PT12H); at least one part after P (and after T). */
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?!$)(\d+H)?(\d+M)?(\d+S)?)?$/;

export function isIsoDuration(value: string): boolean {
  return ISO_DURATION.test(value.trim());
}

/** Phrases that only restate the storage-limitation principle (matched on lower-cased text). */
const VAGUE_PATTERNS: readonly RegExp[] = [
  /\bas long as (it is |is )?(strictly )?(necessary|needed|required)\b/,
  /\bno longer than (it is |is )?(strictly )?(necessary|needed|required)\b/,
  /\bfor the (time|period) (strictly )?(necessary|needed|required)\b/,
  /\bzo ?lang (als )?(dat |het )?(strikt )?(nodig|noodzakelijk)/,
  /\bniet langer dan (strikt )?(nodig|noodzakelijk)/,
];

export function isVagueRetentionText(text: string | null | undefined): boolean {
  if (!text) return false;
  const normalized = text.toLowerCase().replace(/\s+/g, ' ');
  return VAGUE_PATTERNS.some((re) => re.test(normalized));
}
