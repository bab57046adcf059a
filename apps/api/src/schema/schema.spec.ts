import { readFile } from 'node:fs/promises';
import { printApiSchema } from './print-schema.js';

describe('schema.gql', () => {
  it('is up to date with the code (run `npm run schema` after changing the API)', async () => {
    const committed = await readFile('schema.gql', 'utf8');
    expect(await printApiSchema()).toBe(committed);
  });
});
