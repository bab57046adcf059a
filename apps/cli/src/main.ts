import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '#core';
import { DemoSeeder } from '#demo';
import { CliModule } from './cli.module.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate   create the app role and apply pending migrations (DATABASE_URL, or the embedded server)
  seed      create the demo tenants cradeq and connecttools where they do not exist yet
`;

const command = process.argv[2];
if (command !== 'migrate' && command !== 'seed') {
  process.stdout.write(USAGE);
  process.exit(command === undefined || command === 'help' ? 0 : 2);
}

// Opening the database context migrates (DATABASE_MIGRATE_ON_START defaults to true); the CLI
// never seeds implicitly, only on `seed`.
const config = loadConfig({ ...process.env, SEED_DEMO_TENANTS: 'false' });
const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn', 'log'] });
try {
  if (command === 'seed') {
    const created = await app.get(DemoSeeder).seed();
    console.log(created.length > 0 ? `created: ${created.join(', ')}` : 'demo tenants already present');
  } else {
    console.log('database is migrated');
  }
} finally {
  await app.close();
}
