import { type DocumentNode, type GraphQLSchema, TypeInfo, type VariableNode, visit, visitWithTypeInfo } from 'graphql';
import { costReadsArgument, operationCost, TooManyNodesError } from './query-cost.js';

/** Costs kept per document; past this many variants (operations × values of its cost variables) it starts over. */
const MAX_VARIANTS = 64;

interface DocumentCosts {
  schema: GraphQLSchema;
  /** The variables whose values can change the cost; the others cannot. */
  costVariables: readonly string[];
  costs: Map<string, number | TooManyNodesError>;
}

/**
 * A document's cost is a pure function of the schema, the document, the operation name and the
 * values of the few variables the cost reads (`first`, @skip/@include): remembered per document,
 * so the same operation with other ids is not walked again on every request. Apollo hands the same
 * DocumentNode object for the same query text (its document store), so a WeakMap on it lives as
 * long as Apollo keeps the document. A cost that could not be computed (variables that do not
 * fit) is never remembered: it would let later, valid requests pass uncounted.
 */
export class OperationCostCache {
  private readonly documents = new WeakMap<DocumentNode, DocumentCosts>();

  constructor(private readonly compute: typeof operationCost = operationCost) {}

  cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    operationName: string | undefined | null,
  ): number | undefined {
    let entry = this.documents.get(document);
    if (!entry || entry.schema !== schema) {
      entry = { schema, costVariables: costVariablesOf(schema, document), costs: new Map() };
      this.documents.set(document, entry);
    }
    const key = variantKey(entry.costVariables, variables, operationName);
    let cost = entry.costs.get(key);
    if (cost === undefined) {
      try {
        cost = this.compute(schema, document, variables, operationName);
      } catch (error) {
        if (!(error instanceof TooManyNodesError)) throw error;
        cost = error;
      }
      if (cost === undefined) return undefined;
      if (entry.costs.size >= MAX_VARIANTS) entry.costs.clear();
      entry.costs.set(key, cost);
    }
    if (cost instanceof TooManyNodesError) throw cost;
    return cost;
  }
}

function variantKey(
  names: readonly string[],
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
): string {
  if (names.length === 0) return operationName ?? '';
  // `null` and absent are different values for a variable; both are written out.
  const values = names.map((name) => (variables && name in variables ? [variables[name]] : []));
  return `${operationName ?? ''}\u0000${JSON.stringify(values)}`;
}

/**
 * The variables whose values the cost estimators can read: those used in a directive (@skip,
 * @include) or inside an argument the estimators read ({@link costReadsArgument}). Every other
 * variable only feeds arguments that do not change the cost (an id, a filter).
 */
export function costVariablesOf(schema: GraphQLSchema, document: DocumentNode): string[] {
  const names = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // A definition's own variable node and default value are not usages.
      VariableDefinition: () => false,
      Variable(node: VariableNode) {
        const argument = typeInfo.getArgument();
        const field = typeInfo.getFieldDef();
        // A directive's argument, or a position the schema does not know: counted as relevant.
        const inField = !typeInfo.getDirective() && argument && field;
        if (!inField || costReadsArgument(field, argument.name)) names.add(node.name.value);
      },
    }),
  );
  return [...names].sort();
}
