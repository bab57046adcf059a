import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { TenantTx } from '#database';
import {
  type ActivityHealth,
  evaluateActivity,
  evaluateRegister,
  type Finding,
  type TenantFacts,
  transferStatus,
  type TransferStatus,
  worstTransferStatus,
} from '#gdpr';
import {
  Activity,
  activityFacts,
  Cookie,
  CustomDataCategory,
  Engagement,
  engagementLocations,
  type EngagementNoticeSource,
  jsonRowMapper,
  mapRows,
  Party,
  Product,
  registerSource,
  type RegisterEntityType,
  type RegisterRows,
  tenantFacts,
} from '#register';

/**
 * Rows per cursor fetch. A row waits in the stream's buffer while up to two batches ahead of it
 * are worked through; with 500 a waiting row lived through two young-generation collections and
 * was promoted, and the old generation filled with rows already written (CSV export of 20,000
 * activities in its own process: 31 MB promoted, peak heap 122 MB, peak RSS 294 MiB; with 100:
 * 17 MB, 79 MB and 223 MiB, for the same CPU time). Larger batches bought no time.
 */
const BATCH = 100;

/**
 * The register of one tenant as it stood at one instant, read inside the export's snapshot
 * transaction. The small tables (parties, products, engagements, custom categories) are held as
 * look-ups: every row of the big ones names them. Activities and cookies are streamed through a
 * server-side cursor (pg-query-stream), so an export of 100,000 activities holds one batch at a time;
 * the activity tables of an export are filled in one pass (ActivitySpool).
 */
export class RegisterSnapshotReader {
  readonly day: string;
  parties = new Map<string, Party>();
  products = new Map<string, Product>();
  engagements = new Map<string, Engagement>();
  categories = new Map<string, CustomDataCategory>();
  tenant: TenantFacts = { name: null, contact: null, isPublicAuthority: false };
  private rows!: RegisterRows;

  constructor(
    private readonly tx: TenantTx,
    readonly asOf: Date,
    /** Now: read the tables; a past instant: rebuild them from the history. */
    private readonly fromHistory: boolean,
    private readonly notices?: EngagementNoticeSource,
  ) {
    this.day = asOf.toISOString().slice(0, 10);
  }

  async load(): Promise<this> {
    const tx = this.tx;
    const all = async <T extends { id: string }>(table: RegisterEntityType, target: new () => T) => {
      const params: unknown[] = [];
      const sql = this.select(table, 'r.id', params);
      return mapRows(tx.em, target, await tx.em.query(sql, params));
    };
    this.parties = byId(await all('parties', Party));
    this.products = byId(await all('products', Product));
    this.engagements = byId(await all('engagements', Engagement));
    const categories = await all('data_categories', CustomDataCategory);
    this.categories = new Map(categories.map((c) => [c.code, c]));
    this.tenant = tenantFacts(this.parties.values());
    this.rows = {
      day: this.day,
      parties: this.parties,
      engagements: this.engagements,
      customCategories: this.categories,
      notices: await this.notices?.read(tx, this.asOf),
    };
    return this;
  }

  /** Sorted by name then id, as the register lists them. */
  partiesSorted(): Party[] {
    return [...this.parties.values()].sort(byName((p) => p.name));
  }
  productsSorted(): Product[] {
    return [...this.products.values()].sort(byName((p) => p.name));
  }
  engagementsSorted(): Engagement[] {
    const vendor = (e: Engagement) => this.parties.get(e.vendorId)?.name ?? '';
    return [...this.engagements.values()].sort(byName((e) => `${vendor(e)}\u0000${e.purpose}`));
  }
  categoriesSorted(): CustomDataCategory[] {
    return [...this.categories.values()].sort(byName((c) => c.code));
  }

  async count(table: 'activities' | 'cookies'): Promise<number> {
    const params: unknown[] = [];
    const from = registerSource(table, this.fromHistory ? this.asOf : undefined, params);
    const [row] = (await this.tx.em.query(`SELECT count(*)::int AS n FROM ${from} r`, params)) as Array<{ n: number }>;
    return row?.n ?? 0;
  }

  activities(): AsyncIterable<Activity> {
    // activities_name (tenant_id, lower(name), id) gives this order.
    return this.stream('activities', Activity, 'lower(r.name), r.id', !this.fromHistory);
  }

  cookies(): AsyncIterable<Cookie> {
    return this.stream('cookies', Cookie, 'lower(r.name), r.id');
  }

  /** The activity's health as of the export's day (the same rules as `registerHealth`). */
  health(activity: Activity): ActivityHealth {
    // Several columns of one row ask in turn: the last evaluation is kept.
    if (this.lastHealth?.activity !== activity) {
      this.lastHealth = {
        activity,
        health: evaluateActivity(activityFacts(activity, this.rows), this.tenant, this.day),
      };
    }
    return this.lastHealth.health;
  }
  private lastHealth: { activity: Activity; health: ActivityHealth } | null = null;

  /** Worst status over an engagement's processing and access locations, as of the export's day. */
  engagementStatus(engagement: Engagement): TransferStatus | null {
    const exporter = {
      exporterCountry: this.tenant.country ?? null,
      exporterPublicAuthority: this.tenant.isPublicAuthority,
    };
    return worstTransferStatus(
      engagementLocations(engagement, this.rows).map((l) => transferStatus({ ...l, ...exporter }, this.day)),
    );
  }

  /** Register-level findings (the organisation itself), which need no activity. */
  registerFindings(): readonly Finding[] {
    return evaluateRegister({ tenant: this.tenant, activities: [] }, this.day).findings;
  }

  /** The key a row is known by in files: its external key, else its id. */
  partyKey(id: string | null | undefined): string | null {
    if (!id) return null;
    const party = this.parties.get(id);
    return party?.externalKey ?? id;
  }
  partyName(id: string | null | undefined): string | null {
    return id ? (this.parties.get(id)?.name ?? null) : null;
  }
  productKey(id: string): string {
    return this.products.get(id)?.externalKey ?? id;
  }
  engagementKey(id: string | null | undefined): string | null {
    if (!id) return null;
    return this.engagements.get(id)?.externalKey ?? id;
  }

  private select(table: RegisterEntityType, order: string, params: unknown[] = []): string {
    const from = registerSource(table, this.fromHistory ? this.asOf : undefined, params);
    return `SELECT * FROM ${from} r ORDER BY ${order}`;
  }

  /**
   * Each row as one JSON text (see jsonRowMapper: half the driver's parsing cost per row).
   * `indexOrder`: an index gives the order, and the planner is kept from sorting instead: a sort
   * makes PostgreSQL read and serialise every row before it sends the first, while the exporter
   * waits (at 100,000 activities, about a third of the export's time); in index order each batch
   * is produced while the exporter works through the previous one.
   */
  private async *stream<T extends object>(
    table: RegisterEntityType,
    target: new () => T,
    order: string,
    indexOrder = false,
  ) {
    const params: unknown[] = [];
    const from = registerSource(table, this.fromHistory ? this.asOf : undefined, params);
    const sql = `SELECT row_to_json(r)::text AS row FROM ${from} r ORDER BY ${order}`;
    const client = (this.tx.em.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    const map = jsonRowMapper(this.tx.em, target);
    const before = indexOrder
      ? (
          await client.query<{ was: string }>(
            `SELECT current_setting('enable_sort') AS was, set_config('enable_sort', 'off', true)`,
          )
        ).rows[0]!.was
      : null;
    try {
      const cursor = client.query(new QueryStream(sql, params, { batchSize: BATCH, rowMode: 'array' }));
      for await (const [row] of cursor as AsyncIterable<[string]>) yield map(row);
    } finally {
      if (before) await client.query(`SELECT set_config('enable_sort', $1, true)`, [before]);
    }
  }
}

function byId<T extends { id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

function byName<T>(name: (row: T) => string) {
  return (a: T, b: T) => {
    const x = name(a).toLowerCase();
    const y = name(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  };
}
