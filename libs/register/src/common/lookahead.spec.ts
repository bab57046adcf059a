import { buildSchema, type GraphQLResolveInfo, graphqlSync } from 'graphql';
import { selects } from './lookahead.js';

const schema = buildSchema(`
  type Party { name: String }
  type Controller { party: Party, note: String }
  type Node { controllers: [Controller], name: String }
  type Edge { node: Node }
  type Page { edges: [Edge] }
  type Query { page: Page }
`);

/** What `selects` answers for `path` below the root field `page` of `query`. */
function asks(query: string, path: string[]): boolean {
  let answer: boolean | undefined;
  const result = graphqlSync({
    schema,
    source: query,
    rootValue: {
      page: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        answer = selects(info, path);
        return null;
      },
    },
  });
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('; '));
  return answer!;
}

describe('selects (prefetch lookahead)', () => {
  const path = ['edges', 'node', 'controllers', 'party'];

  it('finds a path written out, and not one that stops short', () => {
    expect(asks('{ page { edges { node { controllers { party { name } } } } } }', path)).toBe(true);
    expect(asks('{ page { edges { node { controllers { note } } } } }', path)).toBe(false);
    expect(asks('{ page { edges { node { name } } } }', path)).toBe(false);
    expect(asks('{ page { edges { node { name } } } }', ['edges', 'node'])).toBe(true);
  });

  it('follows named and inline fragments and aliases', () => {
    const named = `{ page { edges { node { ...N } } } } fragment N on Node { controllers { ... on Controller { p: party { name } } } }`;
    expect(asks(named, path)).toBe(true);
    const elsewhere = `{ page { edges { node { ...N } } } } fragment N on Node { controllers { note } }`;
    expect(asks(elsewhere, path)).toBe(false);
  });
});
