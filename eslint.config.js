// ESLint requires a default export from its flat config file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const MODULES = ['core', 'engine', 'models', 'rules', 'deps', 'prove', 'triage', 'fix', 'ai', 'store', 'ledger', 'exchange', 'config', 'scan', 'server', 'cli'];
const IO_MODULES = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'child_process', 'worker_threads', 'cluster', 'dgram', 'dns', 'tls', 'readline', 'pg', '@electric-sql/pglite'];
const ioPaths = IO_MODULES.flatMap((name) => [name, `node:${name}`]).map((name) => ({
  name,
  message: 'engine, models and rules are pure: input in, AnalysisResult out (STYLE.md §1).',
}));

/** Patterns forbidding imports of the named modules, from any depth. */
function forbid(modules, why) {
  return modules.map((m) => ({ regex: `^(\\.\\./)+${m}(/|$)`, message: `${why} (STYLE.md §1)` }));
}

/** Import other modules only through their index.ts. */
const throughIndex = {
  regex: `^(\\.\\./)+(${MODULES.join('|')})/(?!index\\.js$).+`,
  message: 'Import a module through its index.ts (STYLE.md §1).',
};

/** The one-way dependency arrows: core <- engine <- rules <- stages <- (server, cli). */
const boundaries = {
  core: forbid(MODULES.filter((m) => m !== 'core'), 'core depends on nothing'),
  models: forbid(MODULES.filter((m) => m !== 'core' && m !== 'models'), 'models depend on core only'),
  engine: forbid(['rules', 'deps', 'prove', 'triage', 'fix', 'ai', 'store', 'ledger', 'exchange', 'config', 'scan', 'server', 'cli'], 'engine never imports rules, stages, store or edges'),
  rules: forbid(['deps', 'prove', 'triage', 'fix', 'ai', 'store', 'ledger', 'exchange', 'config', 'scan', 'server', 'cli'], 'rules import only core, models and engine'),
  store: forbid(MODULES.filter((m) => !['core', 'store'].includes(m)), 'store depends on core only'),
  ledger: forbid(MODULES.filter((m) => !['core', 'ledger'].includes(m)), 'ledger depends on core only'),
  config: forbid(MODULES.filter((m) => !['core', 'config'].includes(m)), 'config depends on core only'),
  scan: forbid(['server', 'cli'], 'stages never import the edges'),
  deps: forbid(['server', 'cli', 'scan'], 'stages never import the edges'),
  prove: forbid(['server', 'cli', 'scan'], 'stages never import the edges'),
  triage: forbid(['server', 'cli', 'scan'], 'stages never import the edges'),
  fix: forbid(['server', 'cli', 'scan'], 'stages never import the edges'),
  ai: forbid(['server', 'cli', 'scan'], 'stages never import the edges'),
  exchange: forbid(['server', 'cli', 'scan'], 'stages never import the edges'),
  server: forbid(['cli'], 'the server and the CLI are separate edges'),
};
const PURE = new Set(['core', 'engine', 'models', 'rules']);

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'bench/.cache/**', 'examples/**', '**/fixtures/**', 'coverage/**', 'web/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md §2).' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // These tools require a default export from their config files.
    files: ['eslint.config.js', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  ...Object.entries(boundaries).map(([module, patterns]) => ({
    files: [`src/${module}/**/*.ts`],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: PURE.has(module) && module !== 'core' ? ioPaths : [], patterns: [...patterns, throughIndex] },
      ],
    },
  })),
  {
    // Only entry points touch process and the console (STYLE.md §1).
    files: ['src/**/*.ts'],
    ignores: ['src/cli/bin/**', 'src/server/main.ts', '**/*.test.ts', '**/test-support/**', 'src/**/worker-main.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-globals': ['error', { name: 'process', message: 'Only entry points read process (STYLE.md §1); pass what you need as arguments.' }],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/rules/**/*.ts', 'src/models/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'engine and rules are pure (STYLE.md §1).' },
        { name: 'setTimeout', message: 'engine and rules are pure; take a clock argument.' },
        { name: 'setInterval', message: 'engine and rules are pure.' },
        { name: 'fetch', message: 'engine and rules are pure.' },
      ],
    },
  },
);
