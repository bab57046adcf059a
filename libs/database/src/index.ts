export * from './app-role.js';
export * from './database.module.js';
export * from './prepare-database.js';
export * from './tenant-db.js';
export * from './migrations/index.js';
export * from './embedded-postgres.js';
export * from './one-statement.js';
export * from './prepared.js';
export { StatementWithCommit } from './statement-with-commit.js';
