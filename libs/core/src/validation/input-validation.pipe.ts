import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, type ValidationError, validate, type ValidatorOptions } from 'class-validator';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-codes.js';

/**
 * Validates every class-typed argument with class-validator and turns failures into one
 * BAD_USER_INPUT error naming each offending field by its path (`input.email`), so a client can
 * point at the field. Unknown properties are rejected rather than silently dropped.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  /** Per @ArgsType class: its validated fields, when arguments holding none of them are known valid. */
  private readonly absentIsValid = new WeakMap<object, Promise<readonly string[] | undefined>>();

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!validatesArguments(metadata)) return value;
    // PostgreSQL text cannot hold U+0000: refused here as the client's mistake, for every
    // argument and every field of it, before it could reach the database as a 500.
    const nul = findNul(value, metadata.data ?? '');
    if (nul !== undefined) {
      throw AppError.badInput(
        nul || 'input',
        `${nul || 'The input'} contains the NUL character (U+0000) or a lone UTF-16 surrogate, which text may not hold.`,
      );
    }
    const type = metadata.metatype;
    if (!type || [String, Number, Boolean, Array, Object].includes(type as never) || value == null) return value;
    if (typeof value !== 'object') return value;
    // A named argument (`input`) must hold nothing but its declared fields. An @ArgsType class
    // receives the whole argument object, whose other arguments belong to other classes.
    const named = metadata.data !== undefined;
    const options = { whitelist: true, forbidNonWhitelisted: named, forbidUnknownValues: true };
    if (!named) {
      // Most calls leave an @ArgsType's optional fields out (`asOf`): whitelisting would strip
      // every argument given and leave an empty instance, already known valid.
      const fields = await this.fieldsIfAbsentIsValid(type, options);
      if (fields && !fields.some((field) => field in value)) return plainToInstance(type, {});
    }
    const instance = plainToInstance(type, value) as object;
    const errors = await validate(instance, options);
    if (errors.length === 0) return instance;
    const fieldErrors = named
      ? flatten(errors, metadata.data!)
      : errors.flatMap((e) => flatten([e], '').map((f) => ({ ...f, field: f.field.slice(1) })));
    const first = fieldErrors[0]!;
    throw new AppError(ErrorCode.BadUserInput, `${first.field}: ${first.message}`, first.field, fieldErrors);
  }

  private fieldsIfAbsentIsValid(
    type: new (...args: never[]) => unknown,
    options: ValidatorOptions,
  ): Promise<readonly string[] | undefined> {
    let known = this.absentIsValid.get(type);
    if (!known) {
      known = (async () => {
        // What the arguments become when they hold none of the class's fields: plain-converted,
        // then stripped by the whitelist. Known valid, and left as it is by the whitelist (field
        // declarations and their initial values are own properties), it is what any such call gets.
        const empty = plainToInstance(type, {}) as object;
        const keys = Object.keys(empty).length;
        if ((await validate(empty, options)).length > 0 || Object.keys(empty).length !== keys) return undefined;
        const validated = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
        return [...new Set(validated.map((m) => m.propertyName))];
      })();
      this.absentIsValid.set(type, known);
    }
    return known;
  }
}

/** Half of a surrogate pair with no other half: not encodable as UTF-8, so PostgreSQL refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string holding U+0000 or a lone surrogate, if any. */
function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNul(item, `${path}[${i}]`);
      if (found !== undefined) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findNul(item, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function flatten(errors: ValidationError[], prefix: string): Array<{ field: string; message: string }> {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** GraphQL arguments (Nest passes GqlParamtype.ARGS, 3) and HTTP bodies and queries; never @Parent() values. */
const GRAPHQL_ARGS = 3;
function validatesArguments(metadata: ArgumentMetadata): boolean {
  const type = metadata.type as unknown;
  return type === GRAPHQL_ARGS || type === 'body' || type === 'query';
}
