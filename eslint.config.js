import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.data/',
      'coverage/',
      'node_modules/',
      'apps/web/public/',
      '**/graphql-env.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@relais/*/*'],
              message: 'Import a lib through its public face (@relais/<lib>), never a deep path.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports only.' },
      ],
      // French text carries narrow no-break spaces (U+202F) before : ; ? ! and inside « »
      // (decision 0023); they stay forbidden in code and comments.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipJSXText: true, skipRegExps: true },
      ],
    },
  },
  {
    // Jest and its hooks require default exports in configuration files.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Vite reads its configuration's default export.
    files: ['apps/web/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The web client: React's rules of hooks; browser globals.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: globals.browser },
  },
  {
    // The server's messages are English for developers and may be reworded: the client tells
    // refusals apart by `extensions.reason` and `extensions.fields`, never by searching the text.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports only.' },
        ...[
          // error.message.includes('archived'), message.match(/.../), ...
          "CallExpression[callee.property.name=/^(includes|match|matchAll|startsWith|endsWith|indexOf|lastIndexOf|search|localeCompare)$/][callee.object.property.name='message']",
          'CallExpression[callee.property.name=/^(includes|match|matchAll|startsWith|endsWith|indexOf|lastIndexOf|search|localeCompare)$/][callee.object.name=/^(message|.*Message)$/]',
          // /archived/.test(error.message)
          "CallExpression[callee.property.name=/^(test|exec)$/][arguments.0.property.name='message']",
          'CallExpression[callee.property.name=/^(test|exec)$/][arguments.0.name=/^(message|.*Message)$/]',
          // TABLE[error.message], TABLE[error.errors[0]?.message ?? '']
          "MemberExpression[computed=true] > MemberExpression.property[property.name='message']",
          "MemberExpression[computed=true] > *.property MemberExpression[property.name='message']",
          "SwitchStatement[discriminant.property.name='message']",
        ].map((selector) => ({
          selector,
          message:
            'Do not match on an error message: switch on extensions.reason or extensions.fields (reasonOf, fieldsOf in api/errors).',
        })),
      ],
    },
  },
  prettier,
);
