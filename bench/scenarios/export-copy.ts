/**
 * PostgreSQL's own floor for the art30 export: `COPY (…) TO STDOUT (FORMAT csv)` of the rows of
 * every table the art30 layout writes, in the same order, one statement per table. The lists
 * inside an activity (purposes, recipients …) are unnested with jsonb_to_recordset into the
 * columns the export writes. The findings table has no SQL counterpart (the health rules are
 * TypeScript), so this floor does less work than the export.
 */
export function copyStatements(tenantId: string): Array<{ table: string; sql: string }> {
  const t = `'${tenantId}'`;
  const activities = `activities a WHERE a.tenant_id = ${t}`;
  const byActivity = 'ORDER BY lower(a.name), a.id';
  const key = `coalesce(a.external_key, a.id::text) AS activity`;
  const list = (column: string, fields: string) =>
    `SELECT ${key}, x.* FROM ${activities.replace(' WHERE', `, jsonb_to_recordset(a.${column}) AS x(${fields}) WHERE`)} ${byActivity}`;
  const statements: Array<[string, string]> = [
    [
      'organisation',
      `SELECT name, street, postal_code, city, country, contact_email, contact_phone, dpo_name, dpo_email, dpo_phone
         FROM parties WHERE tenant_id = ${t} AND roles @> ARRAY['own_organisation']`,
    ],
    ['parties', `SELECT * FROM parties WHERE tenant_id = ${t} ORDER BY lower(name), id`],
    ['products', `SELECT * FROM products WHERE tenant_id = ${t} ORDER BY lower(name), id`],
    ['data_categories', `SELECT * FROM data_categories WHERE tenant_id = ${t} ORDER BY lower(code)`],
    [
      'engagements',
      `SELECT e.*, v.name AS vendor_name FROM engagements e
         LEFT JOIN parties v ON v.tenant_id = e.tenant_id AND v.id = e.vendor_id
        WHERE e.tenant_id = ${t} ORDER BY lower(v.name), lower(e.purpose)`,
    ],
    ['activities', `SELECT * FROM ${activities} ${byActivity}`],
    [
      'purposes',
      list(
        'purposes',
        `id text, description text, "legalBasis" text, "legalReference" text, "liaReference" text, "liaDate" text,
         "consentMechanism" text, "consentWithdrawal" text, "directMarketing" boolean`,
      ),
    ],
    [
      'controllers',
      list('controllers', `"partyId" text, "processingCategories" text, "dpaReference" text, authorisation text`),
    ],
    [
      'recipients',
      list(
        'recipients',
        `id text, kind text, "partyId" text, name text, country text, description text, "dpaReference" text`,
      ),
    ],
    [
      'transfers',
      list(
        'transfers',
        `id text, country text, "recipientId" text, "partyId" text, mechanism text, "tiaReference" text,
         "tiaReviewDate" text, "supplementaryMeasures" text, "saNotifiedAt" text, "safeguardReference" text,
         description text`,
      ),
    ],
    [
      'retention',
      list(
        'retention',
        `id text, "dataCategoryCode" text, duration text, trigger text, action text, justification text,
         "legalReference" text, criterion text`,
      ),
    ],
    ['art9_conditions', list('art9_conditions', `code text, "legalReference" text, "explicitConsent" boolean`)],
    ['cookies', `SELECT * FROM cookies WHERE tenant_id = ${t} ORDER BY lower(name), id`],
    [
      'processor_register',
      `SELECT p.name, p.contact_name, p.contact_email, p.contact_phone, p.dpo_email, a.name, x."processingCategories",
              a.transfers, a.tom_codes, a.security_description, x."dpaReference", x.authorisation
         FROM activities a, jsonb_to_recordset(a.controllers)
              AS x("partyId" uuid, "processingCategories" text, "dpaReference" text, authorisation text)
         LEFT JOIN parties p ON p.tenant_id = ${t} AND p.id = x."partyId"
        WHERE a.tenant_id = ${t} AND a.role = 'processor' ${byActivity}`,
    ],
  ];
  return statements.map(([table, sql]) => ({ table, sql }));
}
