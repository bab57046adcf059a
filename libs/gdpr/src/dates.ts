// ISO calendar dates (YYYY-MM-DD) handled in UTC only: comparing the strings orders them, and
// arithmetic goes through Date.UTC so the server's time zone never shifts a day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  // The health rules check the same as-of day several times per activity: an export of 100,000
  // activities spent 5% of its time here before the last valid day was remembered.
  if (value === lastValid) return true;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.toISOString().slice(0, 10) !== value) return false;
  lastValid = value;
  return true;
}
let lastValid = '';

/** Throws on anything but a real calendar date: an as-of date is a programming input, not user data. */
export function assertIsoDate(value: string, name = 'date'): void {
  if (!isIsoDate(value)) throw new RangeError(`${name} must be an ISO date YYYY-MM-DD, got "${value}"`);
}

export function addDays(date: string, days: number): string {
  assertIsoDate(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** True when `date` lies in [from, until]; a null bound is open. */
export function withinDates(date: string, from: string | null, until: string | null): boolean {
  return (from === null || date >= from) && (until === null || date <= until);
}
