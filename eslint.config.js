import solid from 'eslint-plugin-solid/configs/typescript';
import tseslint from 'typescript-eslint';

// Lint with zero warnings (npm run lint); part of `npm run check`.
export default tseslint.config(
  { ignores: ['node_modules/', 'pwa/dist/', 'data/', 'coverage/', 'db/migrations/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['pwa/**/*.tsx'], ...solid },
);
