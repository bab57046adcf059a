import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validate } from 'class-validator';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-codes.js';

/**
 * Validates every class-typed argument with class-validator and turns failures into one
 * BAD_USER_INPUT error naming each offending field by its path (`input.email`), so a client can
 * point at the field. Unknown properties are rejected rather than silently dropped.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!validatesArguments(metadata)) return value;
    const type = metadata.metatype;
    if (!type || [String, Number, Boolean, Array, Object].includes(type as never) || value == null) return value;
    if (typeof value !== 'object') return value;
    const instance = plainToInstance(type, value) as object;
    // A named argument (`input`) must hold nothing but its declared fields. An @ArgsType class
    // receives the whole argument object, whose other arguments belong to other classes.
    const named = metadata.data !== undefined;
    const errors = await validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: named,
      forbidUnknownValues: true,
    });
    if (errors.length === 0) return instance;
    const fieldErrors = named
      ? flatten(errors, metadata.data!)
      : errors.flatMap((e) => flatten([e], '').map((f) => ({ ...f, field: f.field.slice(1) })));
    const first = fieldErrors[0]!;
    throw new AppError(ErrorCode.BadUserInput, `${first.field}: ${first.message}`, first.field, fieldErrors);
  }
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
