import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { AppError } from '../errors/app-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rejects an id argument that is not a UUID before it reaches SQL (which would fail with a 500). */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw AppError.badInput(metadata.data ?? 'id', `${metadata.data ?? 'id'} must be an id (a UUID).`);
    }
    return value.toLowerCase();
  }
}
