// NestJS 12 and some of its dependencies ship as ES modules only. Jest on Node 20
// cannot load them untransformed, so swc compiles them to CommonJS alongside our code.
const esmOnlyPackages = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  'load-esm',
  'jose',
  'openid-client',
  'oauth4webapi',
  'oidc-provider',
  // Observable Plot and the d3 modules it draws with.
  '@observablehq',
  'd3',
  'd3-[a-z-]+',
  'internmap',
  'delaunator',
  'robust-predicates',
  'isoformat',
  'interval-tree-1d',
  'binary-search-bounds',
  // linkedom's CommonJS build requires these ES modules.
  'css-select',
  'css-what',
  'nth-check',
  'domutils',
  'dom-serializer',
  'domhandler',
  'domelementtype',
  'entities',
  'htmlparser2',
  'boolbase',
  'cssomnom',
  'uhyphen',
];

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/build-console-assets.global-setup.ts',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleNameMapper: {
    // The server as the operations command line (apps/cli) sees it.
    '^#api$': '<rootDir>/apps/api/src/index.ts',
    '^#api/offline$': '<rootDir>/apps/api/src/offline.ts',
    '^#(calendar|domain|event-store|documents|read-models|scheduling|sessions|personal-data)$':
      '<rootDir>/libs/$1/src/index.ts',
    // The distributed profile's adapters, apart so the embedded profile never loads their drivers.
    '^#(event-store|documents|read-models|scheduling|sessions|personal-data)/(esdb|gridfs|mongo)$':
      '<rootDir>/libs/$1/src/$2/index.ts',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};
