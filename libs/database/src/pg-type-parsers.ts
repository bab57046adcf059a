import pg from 'pg';

// A SQL `date` is a calendar day, not an instant: keep it as 'YYYY-MM-DD' instead of pg's default
// (a Date at local midnight, which shifts a day in some time zones). Set once, for every pool.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value: string) => value);
