import { Module } from '@nestjs/common';
import { AccountsModule } from '#accounts';
import { NotificationsModule } from '#notifications';
import { RegisterModule } from '#register';
import { DemoSeeder } from './demo-seeder.js';
import { RegisterSeeder } from './registers/register-seeder.js';

@Module({
  imports: [AccountsModule, RegisterModule, NotificationsModule],
  providers: [DemoSeeder, RegisterSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
