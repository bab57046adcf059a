import { buildSchema, type DocumentNode, parse } from 'graphql';
import { costVariablesOf, OperationCostCache } from './cost-cache.js';
import { operationCost, TooManyNodesError } from './query-cost.js';

const schema = buildSchema(`
  type Query {
    item(id: ID!, note: String): Item
    items(first: Int, filter: Filter): [Item!]!
  }
  input Filter { name: String, limit: Int }
  type Item { id: ID!, name: String, parts(first: Int): [Item!]! }
`);

/** The cached answer must always equal a fresh computation; and say how often one was made. */
function cached() {
  let computed = 0;
  const cache = new OperationCostCache((...args) => {
    computed++;
    return operationCost(...args);
  });
  return {
    cost: (document: DocumentNode, variables?: Record<string, unknown>, operationName?: string) => {
      const fresh = operationCost(schema, document, variables, operationName);
      computed = 0;
      const answer = cache.cost(schema, document, variables, operationName);
      expect(answer).toBe(fresh);
      return { answer, computed };
    },
  };
}

describe('OperationCostCache', () => {
  it('computes a document once for any values of variables the cost does not read', () => {
    const doc = parse(`query($id: ID!, $note: String) { item(id: $id, note: $note) { id name } }`);
    const c = cached();
    expect(c.cost(doc, { id: 'a' }).computed).toBe(1);
    expect(c.cost(doc, { id: 'b', note: 'x' })).toEqual({ answer: 1, computed: 0 });
  });

  it('computes again for each value of `first`, also inside nested fields', () => {
    const doc = parse(`query($n: Int, $m: Int) { items(first: $n) { parts(first: $m) { parts { id } } } }`);
    const c = cached();
    expect(c.cost(doc, { n: 10, m: 1 })).toEqual({ answer: 21, computed: 1 });
    expect(c.cost(doc, { n: 10, m: 5 })).toEqual({ answer: 61, computed: 1 });
    expect(c.cost(doc, { n: 10, m: 1 })).toEqual({ answer: 21, computed: 0 });
    // Absent (the largest page assumed) is not the same variant as null.
    expect(c.cost(doc, { n: 10 }).computed).toBe(1);
    expect(c.cost(doc, { n: 10, m: null }).computed).toBe(1);
  });

  it('keys on @skip and @include variables and on the operation name', () => {
    const doc = parse(`
      query A($skip: Boolean!) { items(first: 2) @skip(if: $skip) { parts { id } } }
      query B { items(first: 3) { parts { id } } }`);
    const c = cached();
    expect(c.cost(doc, { skip: false }, 'A').answer).toBe(3);
    expect(c.cost(doc, { skip: true }, 'A')).toEqual({ answer: 0, computed: 1 });
    expect(c.cost(doc, {}, 'B')).toEqual({ answer: 4, computed: 1 });
    expect(c.cost(doc, { skip: false }, 'A')).toEqual({ answer: 3, computed: 0 });
  });

  it('never remembers a cost that could not be computed (variables that do not fit)', () => {
    const doc = parse(`query($id: ID!) { item(id: $id) { id } }`);
    const c = cached();
    expect(c.cost(doc, {})).toEqual({ answer: undefined, computed: 1 });
    expect(c.cost(doc, { id: 'a' })).toEqual({ answer: 1, computed: 1 });
  });

  it('remembers a document too large to count, and refuses it every time', () => {
    const doc = parse(`{ ${Array.from({ length: 10_001 }, (_, i) => `a${i}: item(id: "x") { id }`).join(' ')} }`);
    const cache = new OperationCostCache();
    expect(() => cache.cost(schema, doc, {}, undefined)).toThrow(TooManyNodesError);
    expect(() => cache.cost(schema, doc, {}, undefined)).toThrow(TooManyNodesError);
  });

  it('names the variables the cost reads: `first` (also within an input), directives, unknown positions', () => {
    const doc = parse(`query($id: ID!, $n: Int, $f: Filter, $l: Int, $b: Boolean!, $x: Int) {
      item(id: $id) @include(if: $b) { id }
      items(first: $n, filter: $f) { id }
      other: items(filter: { limit: $l }) { id }
      unknown(arg: $x)
    }`);
    expect(costVariablesOf(schema, doc)).toEqual(['b', 'n', 'x']);
  });
});
