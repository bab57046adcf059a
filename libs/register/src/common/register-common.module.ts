import { Global, Module } from '@nestjs/common';
import { RegisterWriter } from './register-writer.js';

@Global()
@Module({ providers: [RegisterWriter], exports: [RegisterWriter] })
export class RegisterCommonModule {}
