import { DATA_CATEGORIES } from '#gdpr';
import { checkCode, checkCountry } from '../common/code-checks.js';
import type { Condition } from '../common/register-reader.js';
import { registerSource } from '../common/register-source.js';
import { containsPattern } from '../common/text-search.js';
import { KNOWN } from './activity-value-checks.js';
import type { ActivityFilter } from './dto/activity.input.js';

const SHIPPED_SPECIAL = DATA_CATEGORIES.filter((c) => c.special).map((c) => c.code);

/** The WHERE conditions of an activity list (each works on rows now and rows rebuilt as of). */
export function activityConditions(filter: ActivityFilter, asOf?: Date): Condition[] {
  const conditions: Condition[] = [];
  if (filter.status?.length) conditions.push({ sql: 'r.status = ANY (?::text[])', params: [filter.status] });
  if (filter.role?.length) conditions.push({ sql: 'r.role = ANY (?::text[])', params: [filter.role] });
  if (filter.legalBasis) {
    const code = checkCode('filter.legalBasis', filter.legalBasis, KNOWN.art6, 'Art. 6(1) legal basis');
    conditions.push({
      sql: `r.purposes @> jsonb_build_array(jsonb_build_object('legalBasis', ?::text))`,
      params: [code],
    });
  }
  if (filter.country) {
    const country = checkCountry('filter.country', filter.country);
    conditions.push({
      sql: `r.recipients @> jsonb_build_array(jsonb_build_object('country', ?::text))
            OR r.transfers @> jsonb_build_array(jsonb_build_object('country', ?::text))`,
      params: [country, country],
    });
  }
  if (filter.productId) conditions.push({ sql: '?::uuid = ANY (r.product_ids)', params: [filter.productId] });
  if (filter.dataCategoryCode)
    conditions.push({ sql: '?::text = ANY (r.data_category_codes)', params: [filter.dataCategoryCode] });
  if (filter.specialCategory !== undefined && filter.specialCategory !== null) {
    const special = specialCategoryCondition(asOf);
    conditions.push(filter.specialCategory ? special : { sql: `NOT (${special.sql})`, params: special.params });
  }
  if (filter.search) {
    conditions.push({
      sql: 'r.name ILIKE ? OR r.description ILIKE ? OR r.department ILIKE ?',
      params: Array(3).fill(containsPattern(filter.search)),
    });
  }
  return conditions;
}

/**
 * Holds a special-category (Art. 9) code: a shipped one, or one of the tenant's own categories
 * flagged `special` (as they stood at the same instant when reading as of).
 */
function specialCategoryCondition(asOf?: Date): Condition {
  const sourceParams: unknown[] = [];
  // registerSource numbers its one parameter ($1); renumbered here as a `?` placeholder.
  const categories = registerSource('data_categories', asOf, sourceParams).replace(/\$\d+/g, '?');
  return {
    sql: `r.data_category_codes && ?::text[]
          OR EXISTS (SELECT 1 FROM ${categories} d
                      WHERE d.tenant_id = r.tenant_id AND d.special AND d.code = ANY (r.data_category_codes))`,
    params: [SHIPPED_SPECIAL, ...sourceParams],
  };
}
