// ESLint 9 flat config with typescript-eslint (no type information: fast).
// The rule that matters: libs/domain is pure. It may not import Nest, Prisma, GraphQL,
// validation/transformation libraries, pg, our other libraries, or any file outside
// libs/domain; `npm run lint` (run by `npm test`'s pretest) fails if it does.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const root = path.dirname(fileURLToPath(import.meta.url));
const domainDir = path.join(root, 'libs', 'domain') + path.sep;
const tsFiles = ['libs/**/*.ts', 'apps/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'];

const FORBIDDEN_IN_DOMAIN = [
  '@nestjs/*',
  '@prisma/*',
  'prisma',
  '@apollo/*',
  'graphql',
  'graphql/*',
  'class-validator',
  'class-validator/*',
  'class-transformer',
  'class-transformer/*',
  'pg',
  'pg/*',
  '@ledger/*',
];
const forbiddenPackage = /^(@nestjs\/|@prisma\/|@apollo\/|@ledger\/|prisma$|graphql($|\/)|class-validator($|\/)|class-transformer($|\/)|pg($|\/))/;
const DOMAIN_MESSAGE =
  'libs/domain is pure (events, commands, decide/evolve): no Nest, Prisma, GraphQL, validation, pg or other @ledger libs. ' +
  'Put adapters in libs/event-store or apps/*.';

/**
 * Local rule: in libs/domain, a relative specifier must resolve inside libs/domain, and
 * dynamic import()/require() must respect the same package bans as static imports
 * (no-restricted-imports only sees static ones).
 */
const domainBoundary = {
  meta: {
    type: 'problem',
    messages: {
      leaves: 'libs/domain may not import "{{source}}": it resolves outside libs/domain.',
      forbidden: `"{{source}}": ${DOMAIN_MESSAGE}`,
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    // Static imports of banned packages are reported by no-restricted-imports already.
    const check = (node, source, dynamic = false) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = path.resolve(path.dirname(file), source);
        if (!(target + path.sep).startsWith(domainDir)) {
          context.report({ node, messageId: 'leaves', data: { source } });
        }
      } else if (dynamic && forbiddenPackage.test(source)) {
        context.report({ node, messageId: 'forbidden', data: { source } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, true),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' && check(node, node.moduleReference.expression.value, true),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0].value, true);
        }
      },
    };
  },
};

export default defineConfig([
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'libs/event-store/src/generated/**', '**/coverage/**', '.data/**'],
  },
  {
    files: tsFiles,
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    plugins: { ledger: { rules: { 'domain-boundary': domainBoundary } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: FORBIDDEN_IN_DOMAIN, message: DOMAIN_MESSAGE }] }],
      'ledger/domain-boundary': 'error',
    },
  },
]);
