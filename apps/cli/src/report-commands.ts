import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { basename } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import cliProgress from 'cli-progress';
import { TenantsService } from '#accounts';
import { AppError, type Principal, Role } from '#core';
import {
  ExportFormat,
  ExportLayout,
  ExportService,
  ExportVerifier,
  ImportService,
  MANIFEST_FILE,
  parseManifest,
  readZip,
} from '#reports';
import { HistoryVerifier } from '#register';

/** `--name value` options after the command. */
export function options(args: string[]): { flags: Map<string, string>; rest: string[] } {
  const flags = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) flags.set(arg.slice(2), 'true');
      else flags.set(arg.slice(2), (i++, next));
    } else rest.push(arg);
  }
  return { flags, rest };
}

/** The CLI acts as an owner named after the machine's user: that is who the history records. */
async function principalFor(app: INestApplicationContext, slug: string | undefined): Promise<Principal> {
  if (!slug) throw AppError.badInput('tenant', 'Name the organisation: --tenant <slug>.');
  const tenant = await app.get(TenantsService).findBySlug(slug);
  if (!tenant) throw AppError.notFound('Organisation', slug);
  const actor = `cli:${userInfo().username}@${hostname()}`;
  return {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    role: Role.OWNER,
    kind: 'user',
    actorId: tenant.id,
    actorLabel: actor,
  };
}

export async function exportCommand(app: INestApplicationContext, args: string[]): Promise<void> {
  const { flags } = options(args);
  const principal = await principalFor(app, flags.get('tenant'));
  const format = (flags.get('format') ?? 'xlsx') as ExportFormat;
  if (!Object.values(ExportFormat).includes(format)) throw AppError.badInput('format', 'csv, xlsx, pdf or json');
  const layout = (flags.get('layout') ?? 'art30') as ExportLayout;
  if (!Object.values(ExportLayout).includes(layout)) throw AppError.badInput('layout', 'art30, ico or cnil');
  const asOf = flags.has('as-of') ? new Date(flags.get('as-of')!) : undefined;
  if (asOf && Number.isNaN(asOf.getTime())) throw AppError.badInput('as-of', 'an instant, e.g. 2026-01-01');
  const locale = flags.get('locale');
  if (locale && locale !== 'nl' && locale !== 'en') throw AppError.badInput('locale', 'nl or en');
  const service = app.get(ExportService);
  const request = {
    format,
    layout,
    ...(asOf ? { asOf } : {}),
    ...(locale ? { lang: locale as 'nl' | 'en' } : {}),
    channel: 'cli' as const,
    bundle: flags.get('bundle') !== 'false',
  };
  const plan = service.plan(request);
  const file = flags.get('out') ?? plan.fileName;
  const manifest = await service.export(principal, request, createWriteStream(file), plan);
  console.log(`written: ${file}`);
  console.log(
    `export ${manifest.exportId}, history head ${manifest.history.headHash ?? '(empty)'} (${manifest.history.length} entries)`,
  );
  for (const f of manifest.files) console.log(`  ${f.sha256}  ${f.name} (${f.size} bytes)`);
}

export async function importCommand(app: INestApplicationContext, args: string[]): Promise<number> {
  const { flags, rest } = options(args);
  const principal = await principalFor(app, flags.get('tenant'));
  const path = rest[0];
  if (!path) throw AppError.badInput('file', 'Name the file to import.');
  const apply = flags.get('apply') === 'true';
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} rows', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const result = await app.get(ImportService).run(
    principal,
    { content: await readFile(path), fileName: basename(path) },
    {
      dryRun: !apply,
      onProgress: (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
    },
  );
  if (started) bar.stop();
  for (const p of result.problems) console.log(`${p.sheet}, row ${p.row}, ${p.column}: ${p.reason}`);
  const summary = `${result.rows} rows: ${result.created} new, ${result.updated} changed, ${result.unchanged} unchanged`;
  if (!result.ok) console.log(`${result.problems.length} problems; nothing was imported.`);
  else if (result.dryRun) console.log(`dry run, nothing written: ${summary}. Run again with --apply to import.`);
  else console.log(`imported: ${summary}.`);
  return result.ok ? 0 : 1;
}

/** `verify <bundle.zip>` or `verify <file> --manifest manifest.json`: files, record and history. */
export async function verifyCommand(app: INestApplicationContext, args: string[]): Promise<number> {
  const { flags, rest } = options(args);
  const path = rest[0];
  if (!path && flags.has('tenant')) {
    const principal = await principalFor(app, flags.get('tenant'));
    const verdict = await app.get(HistoryVerifier).verify(principal);
    console.log(
      verdict.ok
        ? `history verifies: ${verdict.length} entries, head ${verdict.headHash}`
        : `history broken: ${verdict.problem}`,
    );
    return verdict.ok ? 0 : 1;
  }
  if (!path) throw AppError.badInput('file', 'Name the bundle (zip) or the file with --manifest.');
  const content = await readFile(path);
  const manifestText = flags.has('manifest')
    ? await readFile(flags.get('manifest')!, 'utf8')
    : readZip(content)?.get(MANIFEST_FILE)?.toString('utf8');
  const manifest = manifestText ? parseManifest(manifestText) : null;
  if (!manifest) throw AppError.badInput('manifest', 'No manifest: give a bundle with manifest.json, or --manifest.');
  const principal = await principalFor(app, flags.get('tenant') ?? manifest.tenant.slug);
  const files = flags.has('manifest') ? new Map([[basename(path), content]]) : readZip(content)!;
  const verdict = await app.get(ExportVerifier).check(principal, manifest, files);
  for (const f of verdict.files) console.log(`${f.ok ? 'ok     ' : 'CHANGED'} ${f.name}`);
  console.log(
    `export on record: ${verdict.recorded ? 'yes' : 'no'}; history head in chain: ${verdict.headInChain ? 'yes' : 'no'}; history verifies: ${verdict.historyOk ? 'yes' : 'no'} (${verdict.historyLength} entries)`,
  );
  for (const p of verdict.problems) console.log(`problem: ${p}`);
  console.log(verdict.ok ? 'VERIFIED' : 'NOT VERIFIED');
  return verdict.ok ? 0 : 1;
}
