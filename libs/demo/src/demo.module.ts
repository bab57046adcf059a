import { Module } from '@nestjs/common';
import { AccountsModule } from '#accounts';
import { DemoSeeder } from './demo-seeder.js';

@Module({ imports: [AccountsModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
