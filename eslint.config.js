// Only the promise rules that need the type checker: Biome lints and formats everything else,
// but its own type inference does not follow types from packages (Kysely, node:fs/promises)
// or through the services bag, so a floating promise there would go unnoticed.
import tseslint from 'typescript-eslint';

export default tseslint.config({
  files: ['**/*.{ts,tsx}'],
  ignores: ['dist/**', 'node_modules/**'],
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
  },
  plugins: { '@typescript-eslint': tseslint.plugin },
  linterOptions: { reportUnusedDisableDirectives: 'error' },
  rules: {
    '@typescript-eslint/no-floating-promises': [
      'error',
      // node:test runs what test() and describe() return; awaiting them is not the idiom.
      { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
    ],
    '@typescript-eslint/no-misused-promises': 'error',
  },
});
