import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity } from 'graphql-query-complexity';
import {
  type DocumentNode,
  type GraphQLField,
  getNamedType,
  type GraphQLSchema,
  isLeafType,
  isListType,
  getNullableType,
} from 'graphql';

/** What a page is assumed to hold when `first` is not given (the largest default page). */
export const DEFAULT_PAGE = 100;
/** What an unpaged list is assumed to hold. */
export const ASSUMED_LIST_LENGTH = 10;
/** A root mutation: a transaction, a history entry, perhaps notifications. */
export const MUTATION_COST = 10;

/**
 * Cost points: 1 for each object a field returns, multiplied through lists: by `first` for
 * paged fields (so `first: 100` costs a hundred times its nodes), by an assumed length for
 * other lists. Leaf fields are free. A field may declare its own cost (`complexity` in its
 * decorator, e.g. sign-in, which runs argon2), added to what it selects.
 */
export const pagedListEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
  const base = type.name === 'Mutation' ? MUTATION_COST : own;
  if (field.args.some((a) => a.name === 'first')) {
    const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE;
    return base + Math.min(Math.max(first, 1), 1_000) * childComplexity;
  }
  // A connection's edges (or nodes) are the page its `first` already counted.
  const paged = field.name === 'edges' || field.name === 'nodes';
  const listed = isListType(getNullableType(field.type)) && !paged;
  return base + (listed ? ASSUMED_LIST_LENGTH : 1) * childComplexity;
};

export const COST_ESTIMATORS = [fieldExtensionsEstimator(), pagedListEstimator];

/**
 * Whether the estimators above read this argument of this field: `first`, and any argument of a
 * field that computes its own cost (a `complexity` function). The cost cache keys on the values
 * of exactly these, so an estimator that reads another argument must be named here.
 */
export function costReadsArgument(field: GraphQLField<unknown, unknown>, argument: string): boolean {
  return argument === 'first' || typeof field.extensions?.complexity === 'function';
}

/** Too many selections to even count: as good as too costly. */
export class TooManyNodesError extends Error {}

/**
 * The cost of one operation, or undefined when its variables do not fit (execution refuses those
 * with BAD_USER_INPUT before any resolver runs).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: COST_ESTIMATORS,
    });
  } catch (error) {
    if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) throw new TooManyNodesError();
    return undefined;
  }
}
