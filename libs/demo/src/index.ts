export * from './demo.module.js';
export * from './demo-seeder.js';
export * from './demo-tenants.js';
