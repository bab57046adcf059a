import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppError, loadConfig } from '#core';
import { DemoSeeder } from '#demo';
import { CliModule } from './cli.module.js';
import { exportCommand, importCommand, verifyCommand } from './report-commands.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate   create the app role and apply pending migrations (DATABASE_URL, or the embedded server)
  seed      create the demo tenants cradeq and connecttools where they do not exist yet
  export    --tenant <slug> [--format csv|xlsx|pdf|json] [--layout art30|ico|cnil] [--as-of <instant>]
            [--locale nl|en] [--bundle false] [--out <file>]   the register with its manifest (recorded in the history)
  import    --tenant <slug> <file> [--apply]   art30 CSV/XLSX or the ICO template; a dry run unless --apply
  verify    <bundle.zip> | <file> --manifest <manifest.json>   files against the manifest, the export's record
            and the whole history chain;   verify --tenant <slug>: the history chain alone
`;

const COMMANDS = ['migrate', 'seed', 'export', 'import', 'verify'];
const command = process.argv[2];
if (!command || !COMMANDS.includes(command)) {
  process.stdout.write(USAGE);
  process.exit(command === undefined || command === 'help' ? 0 : 2);
}

// Opening the database context migrates (DATABASE_MIGRATE_ON_START defaults to true); the CLI
// never seeds implicitly, only on `seed`.
const config = loadConfig({ ...process.env, SEED_DEMO_TENANTS: 'false' });
const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn', 'log'] });
const args = process.argv.slice(3);
let code = 0;
try {
  if (command === 'seed') {
    const created = await app.get(DemoSeeder).seed();
    console.log(created.length > 0 ? `created: ${created.join(', ')}` : 'demo tenants already present');
  } else if (command === 'export') await exportCommand(app, args);
  else if (command === 'import') code = await importCommand(app, args);
  else if (command === 'verify') code = await verifyCommand(app, args);
  else console.log('database is migrated');
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(`${error.field ? `${error.field}: ` : ''}${error.message}`);
  code = 2;
} finally {
  await app.close();
}
process.exit(code);
