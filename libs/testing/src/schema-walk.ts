import {
  getNamedType,
  getNullableType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLInputObjectType,
  type GraphQLEnumType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLOutputType,
} from 'graphql';

/**
 * Schema walking for the defence suites (isolation matrix, roles, hostile input): every root
 * operation, every place an id can be passed, minimal valid arguments and a selection of what an
 * answer holds. Built from the schema the app serves, so new operations are covered as they land.
 */

export type RootKind = 'Query' | 'Mutation';

export interface Operation {
  root: RootKind;
  name: string;
  field: GraphQLField<unknown, unknown>;
}

/** One step from an operation's arguments down to an id: an argument or input field. */
export interface PathStep {
  name: string;
  /** The input object this step's value is (for intermediate steps). */
  type: GraphQLInputType;
}

/** A place an id (or id-like string) is passed. */
export interface IdPosition {
  /** `Query.activity.id` for arguments, `InputType.field` for input fields. */
  key: string;
  operation: Operation;
  path: PathStep[];
}

const ID_LIKE = /^(id|ids|.*Id|.*Ids)$/;

export function operationsOf(schema: GraphQLSchema): Operation[] {
  const ops: Operation[] = [];
  for (const root of ['Query', 'Mutation'] as const) {
    const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(type?.getFields() ?? {})) ops.push({ root, name: field.name, field });
  }
  return ops;
}

function isIdish(name: string, type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  return named.name === 'ID' || (named.name === 'String' && ID_LIKE.test(name));
}

/** Every id position reachable from an operation's arguments (input objects walked, cycles cut). */
export function idPositions(op: Operation): IdPosition[] {
  const found: IdPosition[] = [];
  const walk = (parentKey: string, name: string, type: GraphQLInputType, path: PathStep[], seen: Set<string>) => {
    const step = { name, type };
    if (isIdish(name, type)) {
      found.push({ key: `${parentKey}.${name}`, operation: op, path: [...path, step] });
      return;
    }
    const named = getNamedType(type);
    if (!isInputObjectType(named) || seen.has(named.name)) return;
    for (const field of Object.values(named.getFields())) {
      walk(named.name, field.name, field.type, [...path, step], new Set([...seen, named.name]));
    }
  };
  for (const arg of op.field.args) walk(`${op.root}.${op.name}`, arg.name, arg.type, [], new Set());
  return found;
}

/** Object-type fields below the roots that take id arguments: each needs its own probe. */
export function nestedIdArguments(schema: GraphQLSchema): string[] {
  const keys: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || ['Query', 'Mutation'].includes(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args)
        if (isIdish(arg.name, arg.type)) keys.push(`${type.name}.${field.name}.${arg.name}`);
    }
  }
  return keys;
}

export interface ValueSource {
  /** A value for an id position (by key), e.g. an object of the caller's own tenant. */
  id(key: string): string;
  /** A value for a string field (`Type.field`), when plain text will not do. */
  string?(key: string): string | undefined;
  /** A value for an enum (`Type.field`, else by enum name), when its first value will not do. */
  enumValue?(key: string, type: GraphQLEnumType): string | undefined;
}

/** Minimal valid-looking arguments: every required argument and input field, nothing else. */
export function minimalArgs(op: Operation, values: ValueSource): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of op.field.args) {
    if (isRequired(arg)) args[arg.name] = minimalValue(`${op.root}.${op.name}`, arg.name, arg.type, values);
  }
  return args;
}

function isRequired(field: { type: GraphQLInputType; defaultValue?: unknown }): boolean {
  return isNonNullType(field.type) && field.defaultValue === undefined;
}

export function minimalValue(parentKey: string, name: string, type: GraphQLInputType, values: ValueSource): unknown {
  const key = `${parentKey}.${name}`;
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return [minimalValue(parentKey, name, inner.ofType as GraphQLInputType, values)];
  if (isIdish(name, inner)) return values.id(key);
  if (isInputObjectType(inner)) return minimalObject(inner, values);
  if (isEnumType(inner)) return values.enumValue?.(key, inner) ?? inner.getValues()[0]!.name;
  switch (inner.name) {
    case 'String':
      return values.string?.(key) ?? 'probe';
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return '2030-01-01T00:00:00.000Z';
    default:
      return 'probe';
  }
}

export function minimalObject(type: GraphQLInputObjectType, values: ValueSource): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of Object.values(type.getFields())) {
    if (isRequired(field)) value[field.name] = minimalValue(type.name, field.name, field.type, values);
  }
  return value;
}

/** Arguments with `value` set at `path` (intermediate objects and lists made minimal). */
export function withValueAt(
  args: Record<string, unknown>,
  path: PathStep[],
  value: unknown,
  values: ValueSource,
): Record<string, unknown> {
  const copy = structuredClone(args);
  let target: Record<string, unknown> = copy;
  path.forEach((step, i) => {
    const nullable = getNullableType(step.type) as GraphQLInputType;
    const last = i === path.length - 1;
    if (last) {
      target[step.name] = isListType(nullable) ? [value] : value;
      return;
    }
    const named = getNamedType(step.type) as GraphQLInputObjectType;
    let next = target[step.name];
    if (isListType(nullable)) {
      if (!Array.isArray(next) || next.length === 0) next = [minimalObject(named, values)];
      target[step.name] = next;
      target = (next as Array<Record<string, unknown>>)[0]!;
    } else {
      if (typeof next !== 'object' || next === null) next = minimalObject(named, values);
      target[step.name] = next;
      target = next as Record<string, unknown>;
    }
  });
  return copy;
}

/** Every leaf of the returned type and of the objects below it, `depth` levels down. */
export function selectionFor(type: GraphQLOutputType, depth = 3): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const parts: string[] = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    const inner = getNamedType(field.type);
    if (isLeafType(inner)) parts.push(field.name);
    else if (depth > 1) parts.push(`${field.name} ${selectionFor(field.type, depth - 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/** The operation as a document with one variable per argument given. */
export function documentFor(op: Operation, args: Record<string, unknown>): string {
  const given = op.field.args.filter((a) => a.name in args);
  const vars = given.map((a: GraphQLArgument) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = given.map((a) => `${a.name}: $${a.name}`).join(', ');
  const keyword = op.root === 'Query' ? 'query' : 'mutation';
  return `${keyword}${vars ? `(${vars})` : ''} { ${op.name}${passed ? `(${passed})` : ''} ${selectionFor(op.field.type)} }`;
}
