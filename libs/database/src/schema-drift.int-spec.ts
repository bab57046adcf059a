import { DataSource } from 'typeorm';
import { API_ENTITIES } from '../../../apps/api/src/app.module.js';
import { testDatabaseUrl } from '#testing';

/**
 * The migrations are written as SQL; the entities map the same tables. TypeORM's schema builder
 * says what it would change to make the database match the entities. Constraints, defaults,
 * foreign keys and indexes live only in the migrations (TypeORM would drop them), so those
 * statements are expected; anything else (a missing table or column, another type, other
 * nullability) means an entity and the migrations disagree.
 */
const ONLY_IN_MIGRATIONS = /DROP CONSTRAINT|DROP INDEX|DROP DEFAULT/;

describe('migrations and entities', () => {
  it('agree on every table, column, type and nullability', async () => {
    const ds = new DataSource({
      type: 'postgres',
      url: await testDatabaseUrl(),
      entities: API_ENTITIES,
      installExtensions: false,
      uuidExtension: 'pgcrypto',
    });
    await ds.initialize();
    try {
      const pending = await ds.driver.createSchemaBuilder().log();
      const disagreements = pending.upQueries.map((q) => q.query).filter((sql) => !ONLY_IN_MIGRATIONS.test(sql));
      expect(disagreements).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
