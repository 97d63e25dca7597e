export * from './database';
export * from './test-app';
export * from './subscriptions';
