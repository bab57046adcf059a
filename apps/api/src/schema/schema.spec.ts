import { readFile, writeFile } from 'node:fs/promises';
import { printApiSchema } from './print-schema.js';

describe('schema.gql', () => {
  it('is up to date with the code (run `npm run schema` after changing the API)', async () => {
    const printed = await printApiSchema();
    // eslint-disable-next-line no-restricted-properties -- `npm run schema` sets it to rewrite the file
    if (process.env.UPDATE_SCHEMA === '1') await writeFile('schema.gql', printed);
    expect(printed).toBe(await readFile('schema.gql', 'utf8'));
  });
});
