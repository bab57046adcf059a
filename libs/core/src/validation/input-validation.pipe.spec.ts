import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { IsDate, IsInt, IsOptional, IsString, Max } from 'class-validator';
import { AppError } from '../errors/app-error.js';
import { InputValidationPipe } from './input-validation.pipe.js';

class AsOf {
  @IsOptional() @IsDate() asOf?: Date;
}

class Page {
  @IsOptional() @IsInt() @Max(100) first?: number;
}

class Defaults {
  @IsOptional() @IsInt() @Max(100) first?: number = 500;
}

class ValidDefault {
  @IsOptional() @IsInt() @Max(100) first?: number = 50;
  stray?: string = 'not validated: stripped';
}

class Required {
  @IsString() name!: string;
}

/** How Nest hands GraphQL arguments to the pipe: an @ArgsType class gets every argument of the field. */
const argsOf = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata =>
  ({ type: 3, metatype, data: undefined }) as unknown as ArgumentMetadata;

describe('InputValidationPipe on @ArgsType arguments', () => {
  const pipe = new InputValidationPipe();

  it('gives an empty instance when the class has none of the arguments, twice alike', async () => {
    for (let i = 0; i < 2; i++) {
      const out = await pipe.transform({ id: 'x' }, argsOf(AsOf));
      expect(out).toBeInstanceOf(AsOf);
      expect({ ...(out as object) }).toEqual(Object.fromEntries(Object.keys(new AsOf()).map((k) => [k, undefined])));
    }
  });

  it('keeps valid initial values and strips fields without validation, as for given arguments', async () => {
    for (let i = 0; i < 2; i++) {
      const out = await pipe.transform({ id: 'x' }, argsOf(ValidDefault));
      expect(out).toBeInstanceOf(ValidDefault);
      expect({ ...(out as object) }).toEqual({ first: 50 });
    }
  });

  it('validates and whitelists the class arguments that are given', async () => {
    await pipe.transform({ id: 'x' }, argsOf(Page)); // learns the class first
    const out = await pipe.transform({ id: 'x', first: 5 }, argsOf(Page));
    expect({ ...(out as object) }).toEqual({ first: 5 });
    await expect(pipe.transform({ id: 'x', first: 500 }, argsOf(Page))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    await expect(pipe.transform({ first: null, asOf: 'no date' }, argsOf(AsOf))).rejects.toBeInstanceOf(AppError);
  });

  it('still validates classes whose empty instance is not valid', async () => {
    await expect(pipe.transform({ id: 'x' }, argsOf(Required))).rejects.toMatchObject({ field: 'name' });
    await expect(pipe.transform({ id: 'x' }, argsOf(Required))).rejects.toMatchObject({ field: 'name' });
    await expect(pipe.transform({ id: 'x' }, argsOf(Defaults))).rejects.toMatchObject({ field: 'first' });
    await expect(pipe.transform({ id: 'x' }, argsOf(Defaults))).rejects.toMatchObject({ field: 'first' });
  });
});
