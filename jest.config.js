/** Test projects: unit (pure + server units), api (real server + FerretDB), e2e (real browser), faults. */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' } }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'tsx', 'js', 'json'], testTimeout: 30000 };
const withDb = {
  ...common,
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/support/globalTeardown.ts',
};

module.exports = {
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/shared/**/*.test.ts', '<rootDir>/server/**/*.test.ts'] },
    { ...withDb, displayName: 'api', rootDir: __dirname, testMatch: ['<rootDir>/tests/api/**/*.test.ts'] },
    { ...withDb, displayName: 'e2e', rootDir: __dirname, testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
    { ...withDb, displayName: 'faults', rootDir: __dirname, testMatch: ['<rootDir>/tests/faults/**/*.test.ts'] },
  ],
};
