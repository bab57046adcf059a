import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '#core';
import { TenantDb } from '#database';
import { HistoryVerifier } from '#register';
import { readZip } from '../writers/zip-reader.js';
import { ExportService } from './export.service.js';
import { type ExportManifest, MANIFEST_FILE, parseManifest } from './manifest.js';
import { type ExportedFile, RegisterExport } from './register-export.entity.js';

export interface FileVerdict {
  name: string;
  expectedSha256: string;
  actualSha256: string | null;
  ok: boolean;
}

export interface ExportVerification {
  /** Every given file matches the manifest, the export is on record as stated and the history verifies. */
  ok: boolean;
  exportId: string | null;
  files: FileVerdict[];
  /** The export is recorded in this tenant's history with these very files and this head. */
  recorded: boolean;
  /** The manifest's history head is an entry of the chain (the history was this long then). */
  headInChain: boolean;
  historyOk: boolean;
  historyLength: number;
  problems: string[];
}

/** Files as listed (jsonb orders an object's keys its own way: compare the values). */
function sameFiles(a: ExportedFile[], b: ExportedFile[]): boolean {
  const text = (files: ExportedFile[]) => JSON.stringify(files.map((f) => [f.name, f.sha256, f.size]));
  return text(a) === text(b);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Checks files against their manifest (a changed byte changes the SHA-256), the manifest against
 * the export's record in the history, and the whole hash chain of the tenant's history.
 */
@Injectable()
export class ExportVerifier {
  constructor(
    private readonly db: TenantDb,
    private readonly history: HistoryVerifier,
    private readonly exports: ExportService,
  ) {}

  /**
   * `content`: a bundle (zip with manifest.json), or one file named `fileName`; the manifest comes
   * from the bundle, from `manifestJson`, or from the record of `exportId`.
   */
  async verify(
    principal: Principal,
    input: { content: Buffer; fileName?: string | null; manifestJson?: string | null; exportId?: string | null },
  ): Promise<ExportVerification> {
    const zip = readZip(input.content);
    const files = zip?.has(MANIFEST_FILE) && !input.fileName ? zip : new Map([[input.fileName ?? '', input.content]]);
    let manifest: ExportManifest | null = null;
    if (input.manifestJson) manifest = parseManifest(input.manifestJson);
    else if (files.has(MANIFEST_FILE)) manifest = parseManifest(files.get(MANIFEST_FILE)!.toString('utf8'));
    else if (input.exportId) manifest = await this.exports.manifest(principal, input.exportId);
    if (!manifest)
      throw AppError.badInput(
        'manifest',
        'Give a bundle with manifest.json, or the manifest (manifestJson), or the export id of the file.',
      );
    return this.check(principal, manifest, files);
  }

  async check(principal: Principal, manifest: ExportManifest, files: Map<string, Buffer>): Promise<ExportVerification> {
    const problems: string[] = [];
    const verdicts: FileVerdict[] = [];
    const given = [...files.keys()].filter((name) => name !== MANIFEST_FILE);
    for (const name of given) {
      // One file against a one-file manifest: a renamed download is still that file.
      const expected = manifest.files.find(
        (f) => f.name === name || (given.length === 1 && manifest.files.length === 1),
      );
      const actual = sha256(files.get(name)!);
      if (!expected) {
        problems.push(`${name} is not listed in the manifest.`);
        verdicts.push({ name, expectedSha256: '', actualSha256: actual, ok: false });
        continue;
      }
      const ok = expected.sha256 === actual;
      if (!ok)
        problems.push(`${name}: its SHA-256 is ${actual}, the manifest says ${expected.sha256}: the file was changed.`);
      verdicts.push({ name: expected.name, expectedSha256: expected.sha256, actualSha256: actual, ok });
    }
    if (given.length > 1 || files.has(MANIFEST_FILE)) {
      for (const f of manifest.files)
        if (!files.has(f.name)) {
          problems.push(`${f.name} is listed in the manifest but missing.`);
          verdicts.push({ name: f.name, expectedSha256: f.sha256, actualSha256: null, ok: false });
        }
    }
    if (given.length === 0) problems.push('No file to check was given.');

    const sameTenant = manifest.tenant?.id === principal.tenantId;
    if (!sameTenant) problems.push('This export is not of your organisation: its record cannot be checked here.');
    const { recorded, headInChain, chain } = await this.db.run(
      principal.tenantId,
      async (tx) => {
        const record = sameTenant
          ? await tx.em.findOneBy(RegisterExport, { tenantId: tx.tenantId, id: manifest.exportId })
          : null;
        const recorded =
          !!record &&
          record.chainHeadHash === manifest.history.headHash &&
          Number(record.chainLength) === manifest.history.length &&
          sameFiles(record.files, manifest.files);
        const head = manifest.history.headHash;
        const found =
          sameTenant && head && /^[0-9a-f]{64}$/.test(head)
            ? ((await tx.em.query(
                `SELECT count(*)::int AS n FROM register_changes WHERE tenant_id = $1 AND hash = decode($2, 'hex')`,
                [tx.tenantId, head],
              )) as Array<{ n: number }>)
            : [];
        const headInChain = head === null ? manifest.history.length === 0 : (found[0]?.n ?? 0) > 0;
        return { recorded, headInChain, chain: await this.history.verifyIn(tx) };
      },
      { readOnly: true },
    );
    if (sameTenant && !recorded)
      problems.push(`Export ${manifest.exportId} is not on record with these files and this history head.`);
    if (sameTenant && !headInChain) problems.push('The history head the manifest names is not in the history.');
    if (!chain.ok) problems.push(chain.problem ?? 'The history does not verify.');
    return {
      ok: problems.length === 0,
      exportId: manifest.exportId,
      files: verdicts,
      recorded,
      headInChain,
      historyOk: chain.ok,
      historyLength: chain.length,
      problems,
    };
  }
}
