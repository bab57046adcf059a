import type { ExportedFile } from './register-export.entity.js';

export const MANIFEST_FILE = 'manifest.json';

/**
 * What an export says about itself (manifest.json): every file with its SHA-256, whose register
 * (tenant), as of when, generated when and by whom, and the head of the tenant's hash-chained
 * history at that moment. The export is itself recorded in that history (`exportId`).
 */
export interface ExportManifest {
  format: 'art30-export-manifest';
  version: 1;
  exportId: string;
  tenant: { id: string; slug: string; name: string };
  layout: string;
  exportFormat: string;
  locale: string;
  asOf: string;
  generatedAt: string;
  generatedBy: string;
  history: { length: number; headHash: string | null };
  files: ExportedFile[];
}

/** Reads a manifest someone hands in; null when it is not one. */
export function parseManifest(text: string): ExportManifest | null {
  try {
    const value = JSON.parse(text) as Partial<ExportManifest>;
    if (value?.format !== 'art30-export-manifest' || !Array.isArray(value.files) || typeof value.exportId !== 'string')
      return null;
    const filesOk = value.files.every(
      (f) => typeof f?.name === 'string' && typeof f.sha256 === 'string' && typeof f.size === 'number',
    );
    return filesOk ? (value as ExportManifest) : null;
  } catch {
    return null;
  }
}
