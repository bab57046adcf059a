export * from './factories.js';
export * from './graphql-client.js';
export * from './test-app.js';
export * from './test-config.js';
export * from './test-database.js';
export * from './schema-walk.js';
export * from './secrets-recorder.js';
