/**
 * Mutation testing of the pure layers (npm run mutation): every mutant of src/domain and src/agents
 * must be killed by their own unit tests, which run in milliseconds, so the run stays minutes long.
 *
 * Sized for a 2-core machine shared with other developers:
 * - concurrency 2: one vitest worker per core; more only queues behind the other developers' work.
 * - incremental: results are kept in reports/ (gitignored), so a rerun only retests the mutants whose
 *   code or covering tests changed. `npx stryker run --force` redoes everything.
 * - ignoreStatic: a static mutant lives in code that only runs when a module loads (module-level
 *   constants), so Stryker must reload every module and run the whole suite for each one. Nearly all
 *   of them are data: the playbook's phases, weeks, outputs and 100+ task texts (plan/playbook.ts),
 *   the built-in survey definitions and rating scales (surveys/surveys.ts), the comms calendar's and
 *   budget split's and scorecard's labels. Module-level regexes are static too, so this also skips
 *   their mutants; their behaviour is still covered by the tests of the functions that use them.
 *   Caution: code a test file runs while vitest collects it (a `const result = run(…)` in a describe
 *   body) also counts as static, and its mutants are silently skipped. Tests compute their results
 *   inside `it` or `beforeEach`, never in a describe body.
 * - the `survey-wording` ignorer below: the wording of survey questions built inside functions (the
 *   post-event survey's `prompt`, `intro` and `hint` texts) is copy, not behaviour; an empty prompt
 *   is caught by checkSurvey's own tests on purpose-built surveys, not by freezing the copy.
 * No file is excluded from `mutate`: every function in src/domain and src/agents is mutated.
 */
const WORDING_KEYS = new Set(['prompt', 'intro', 'hint']);

/** Ignores a string literal that is the value of a survey question's prompt, intro or hint. */
const surveyWording = {
  shouldIgnore(path) {
    if (!path.isStringLiteral()) return undefined;
    const parent = path.parentPath;
    if (!parent?.isObjectProperty() || parent.node.value !== path.node) return undefined;
    const key = parent.node.key;
    const name = key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : undefined;
    return name && WORDING_KEYS.has(name) ? 'Survey wording is copy, not behaviour' : undefined;
  },
};

/** What @stryker-mutator/api's declareValuePlugin(PluginKind.Ignore, …) returns, without depending on that package. */
export const strykerPlugins = [{ kind: 'Ignore', name: 'survey-wording', value: surveyWording }];

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/domain/**/*.ts', 'src/agents/**/*.ts'],
  plugins: ['@stryker-mutator/vitest-runner', './stryker.config.mjs'],
  ignorers: ['survey-wording'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: 85 },
  tempDirName: '.stryker-tmp',
};
