/** Test projects: unit (pure + server units), api (real server + FerretDB), e2e (real browser), faults. */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' } }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'tsx', 'js', 'json'], testTimeout: 30000 };
const withDb = {
  ...common,
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/support/globalTeardown.ts',
};

// `ui`: mini-program components and pure view logic under jsdom, with Taro's React components and H5 APIs.
const uiTransform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } } }],
  '^.+\\.mjs$': ['@swc/jest', { jsc: { target: 'es2022' } }],
};
const ui = {
  displayName: 'ui',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  transform: uiTransform,
  moduleFileExtensions: ['tsx', 'ts', 'js', 'mjs', 'json'],
  testMatch: ['<rootDir>/miniprogram/src/**/*.test.ts?(x)'],
  setupFiles: ['<rootDir>/miniprogram/test/setup.ts'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/miniprogram/test/taroShim.ts',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '\\.(s?css)$': '<rootDir>/miniprogram/test/fileStub.js',
    '\\.(png|jpe?g|gif|svg|woff2?)$': '<rootDir>/miniprogram/test/fileStub.js',
  },
  // Taro and some of its dependencies ship ES modules only: transform them, skip the rest of node_modules.
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(@tarojs|@stencil|lodash-es|query-string|decode-uri-component|split-on-first|filter-obj|swiper|classnames|mobile-detect|history|tslib|nanoid|ics)/).*/node_modules/',
  ],
  testTimeout: 30000,
};

module.exports = {
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/shared/**/*.test.ts', '<rootDir>/server/**/*.test.ts'] },
    { ...withDb, displayName: 'api', rootDir: __dirname, testMatch: ['<rootDir>/tests/api/**/*.test.ts'] },
    { ...withDb, displayName: 'e2e', rootDir: __dirname, testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
    { ...withDb, displayName: 'faults', rootDir: __dirname, testMatch: ['<rootDir>/tests/faults/**/*.test.ts'] },
    ui,
  ],
};
