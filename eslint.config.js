import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LIB_NEVER = [
  { group: ['**/entrypoints/**', '@/entrypoints/**', '**/components/**', '@/components/**'], message: 'lib/ is logic: it never imports entry points or components.' },
];
const PURE_NEVER = [
  { group: ['**/db/**', '@/lib/db/**', '**/ledger/**', '@/lib/ledger/**'], message: 'Pure folders (platforms, tracking, rates, tasks, badges) never import the database or the ledger: take records from lib/model.' },
];

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', '.tmp/', 'node_modules/', 'tests/e2e/artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Page text is rendered as text, never as HTML (docs/trust-boundaries.md#page-text-is-text).
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render page text as text.',
        },
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Build DOM with Preact or textContent; page text is hostile.',
        },
      ],
      'no-eval': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The folder arrows (docs/architecture.md): lib never reaches into the UI or the entry points;
  // the pure folders never reach the database or the ledger; lib/model imports nothing of ours.
  {
    files: ['lib/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: LIB_NEVER }] },
  },
  {
    files: ['lib/platforms/**', 'lib/tracking/**', 'lib/rates/**', 'lib/tasks/**', 'lib/badges/**', 'lib/share/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['dexie'], patterns: [...LIB_NEVER, ...PURE_NEVER] }] },
  },
  {
    files: ['lib/model/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['dexie'], patterns: [{ group: ['../*', '@/*'], message: 'lib/model is the shared vocabulary: it imports nothing else of TrueRate.' }] },
      ],
    },
  },
  {
    // Tests and benchmarks may build inert DOM from our own fixture files.
    files: ['tests/**', 'scripts/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
