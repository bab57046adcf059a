export * from './factories.js';
export * from './graphql-client.js';
export * from './test-app.js';
export * from './test-config.js';
export * from './test-database.js';
export * from './smtp-sink.js';
export * from './webhook-receiver.js';
export * from './notification-factories.js';
