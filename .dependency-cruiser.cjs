/**
 * The layering rule of README "Layout", checked on every `npm test` (npm run lint:deps):
 * commands/, views/, schedules/ → src/services → src/domain, src/agents, db/; the domain and the
 * agents stay pure (no database, no Slack, no use-cases), and nothing imports in a circle.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes every module in it load, and change, together. Move the shared piece down a layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pure-domain',
      severity: 'error',
      comment: 'The domain and the agents are pure functions over typed data: no database, Slack, use-cases or surfaces.',
      from: { path: '^src/(domain|agents)/' },
      to: {
        path: ['^db/', '^src/services/', '^views/', '^commands/', '^schedules/', '^src/(app|main|register|deps|config|cli)\\.ts$', '^src/cli/', '^src/demo/'],
      },
    },
    {
      name: 'pure-domain-packages',
      severity: 'error',
      comment: 'The domain and the agents import no Slack, database or scheduler package.',
      from: { path: '^src/(domain|agents)/' },
      to: { dependencyTypes: ['npm', 'npm-dev'], path: 'node_modules/(@slack/|better-sqlite3|drizzle-orm|node-cron|@napi-rs/canvas|chart\\.js)' },
    },
    {
      name: 'domain-not-agents',
      severity: 'error',
      comment: 'Agents build on the domain, never the other way round.',
      from: { path: '^src/domain/' },
      to: { path: '^src/agents/' },
    },
    {
      name: 'services-below-surfaces',
      severity: 'error',
      comment: 'Use-cases know nothing of Slack surfaces, slash commands or jobs: those call them.',
      from: { path: '^src/services/' },
      to: { path: ['^views/', '^commands/', '^schedules/', '^src/(app|main|register|cli)\\.ts$', '^src/cli/', '^src/demo/'] },
    },
    {
      name: 'surfaces-through-services',
      severity: 'error',
      comment: 'Commands, views and jobs reach the database through src/services, never db/ directly.',
      from: { path: '^(commands|views|schedules)/' },
      to: { path: '^db/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|commands|views|schedules|db)/|node_modules',
    exclude: { path: '^db/migrations/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js'] },
    moduleSystems: ['es6'],
  },
};
