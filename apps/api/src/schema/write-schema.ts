import { writeFile } from 'node:fs/promises';
import { printApiSchema } from './print-schema.js';

/** `npm run schema`: writes schema.gql, which is committed so every API change shows in review. */
await writeFile('schema.gql', await printApiSchema());
console.log('wrote schema.gql');
