/** Layering rules, run by `npm test` (`npm run lint:layers`). */
const domains = '(identity|roster|consultations|notices|projects|pledges|ratings|evaluation|files|demo)';
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'shared/ holds pure rules and schemas: no server, mini-program or Node I/O.',
      from: { path: '^shared/src' },
      to: { path: '^(server|miniprogram|tests)/' },
    },
    {
      name: 'platform-imports-no-domain',
      severity: 'error',
      comment: 'platform/ is below every domain.',
      from: { path: '^server/src/platform/' },
      to: { path: `^server/src/${domains}/` },
    },
    {
      name: 'domains-use-public-index',
      severity: 'error',
      comment: 'a domain reaches another only through its index.ts.',
      from: { path: `^server/src/${domains}/` },
      to: { path: `^server/src/${domains}/`, pathNot: [`^server/src/$1/`, `^server/src/${domains}/index\\.ts$`] },
    },
    {
      name: 'miniprogram-not-server',
      severity: 'error',
      from: { path: '^miniprogram/src' },
      to: { path: '^server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(node_modules|dist)' },
  },
};
