// Jest 30 + @swc/jest. NestJS 12 is ESM-only, so @nestjs/* is transformed to CommonJS
// too (transformIgnorePatterns); swc keeps decorator metadata. Types are checked by
// `tsc --noEmit`, not here.
//
// Projects:
//   domain       libs/domain/**/*.spec.ts: pure, no database, no global setup.
//   integration  everything else; its globalSetup starts the test PostgreSQL (embedded
//                unless DATABASE_URL is set) and migrates a template database once. A
//                project-level globalSetup only runs when a test of that project is
//                selected, so `jest --selectProjects domain` never starts Postgres.

const swcOptions = (syntax) => ({
  swcrc: false,
  jsc: {
    parser: syntax === 'typescript' ? { syntax: 'typescript', decorators: true } : { syntax: 'ecmascript' },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.(ts|mts|cts)$': ['@swc/jest', swcOptions('typescript')],
    '^.+\\.(js|mjs|cjs)$': ['@swc/jest', swcOptions('ecmascript')],
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json', 'node'],
  moduleNameMapper: {
    '^@ledger/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@ledger/domain/(.*)$': '<rootDir>/libs/domain/src/$1',
    '^@ledger/event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^@ledger/event-store/(.*)$': '<rootDir>/libs/event-store/src/$1',
    '^@ledger/testing$': '<rootDir>/libs/testing/src/index.ts',
    '^@ledger/testing/(.*)$': '<rootDir>/libs/testing/src/$1',
    // nodenext sources and the Prisma 7 generated client import relative files as `.js`.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  // Must be top-level: Jest 30 accepts testTimeout in a project but ignores it there
  // (jest-circus reads only the global value). Domain tests finish in milliseconds anyway.
  testTimeout: 60000,
  projects: [
    {
      ...shared,
      displayName: 'domain',
      testMatch: ['<rootDir>/libs/domain/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/test/**/*.e2e-spec.ts',
      ],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '<rootDir>/libs/domain/'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.mjs',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.mjs',
    },
  ],
};
