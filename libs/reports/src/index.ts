export * from './reports.module.js';
export * from './reports.types.js';
export * from './exports/export.service.js';
export * from './exports/verify.service.js';
export * from './exports/manifest.js';
export * from './exports/register-export.entity.js';
export * from './import/import.service.js';
export { readZip } from './writers/zip-reader.js';
export { neutralise, unneutralise } from './writers/csv.writer.js';

import { RegisterExport } from './exports/register-export.entity.js';
export const REPORTS_ENTITIES = [RegisterExport];

import { ExportsResolver } from './exports/exports.resolver.js';
import { ImportsResolver } from './import/imports.resolver.js';
export const REPORTS_RESOLVERS = [ExportsResolver, ImportsResolver];
