/**
 * The folder rules of DESIGN.md, checked by `npm run lint` (part of `npm test`):
 * shared/ is pure TypeScript, renderer/ reaches the backend only through the
 * API contract, capability folders never reach into their hosts, and hooks
 * follow React's rules. Only what the architecture states is a rule here, so
 * new code that keeps to the layout passes without thinking about the linter.
 * Imports are resolved to files (not matched as text), so `../../backend/x`
 * and `../backend/x` are the same import.
 */
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

const root = import.meta.dirname;
const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** Outside electron/, nothing may import Electron: the backend and the renderer must run without it. */
const NO_ELECTRON = { name: 'electron', message: 'Alleen electron/ importeert Electron (DESIGN.md, Layout).' };

/** A zone of import-x/no-restricted-paths, paths relative to the repository root. */
const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });

const FOLDER_ZONES = [
  zone('./shared', './', 'shared/ is puur TypeScript en importeert niets buiten shared/ (packages: zie de architectuurtest).', ['./shared', './node_modules']),
  zone('./renderer', './electron', 'renderer/ praat alleen via het API-contract (shared/api) met de backend, nooit met electron/.'),
  zone('./renderer', './backend', 'renderer/ praat alleen via het API-contract (shared/api) met de backend, nooit rechtstreeks.'),
  // Capability folders (and the backend's own root files) are called by hosts, never the other way round.
  zone(['./backend/!(host|service)/**', './backend/*.ts'], ['./backend/host/**', './backend/service/**', './electron/**'], 'Capabilitymappen in backend/ importeren geen hosts (backend/host, backend/service, electron/); de host roept de capability aan.'),
  // What several renderer folders share lives in renderer/ui/; app/ is the shell that composes them.
  zone('./renderer/!(app)/**', './renderer/app/**', 'Alleen renderer/app/ (de schil) importeert uit app/; gedeelde UI-stukken staan in renderer/ui/.'),
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'release/**', 'bench-out/**', 'test-results/**', 'tmp/**'] },
  {
    files: TS_FILES,
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.d.ts'] })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: FOLDER_ZONES }],
    },
  },
  {
    files: ['backend/**', 'renderer/**', 'shared/**'].flatMap((dir) => TS_FILES.map((glob) => `${dir}/${glob}`)),
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }] },
  },
  {
    // shared/ runs everywhere (renderer, backend, workers); renderer/ runs sandboxed in a browser window.
    files: ['shared/**', 'renderer/**'].flatMap((dir) => TS_FILES.map((glob) => `${dir}/${glob}`)),
    rules: { 'import-x/no-nodejs-modules': 'error' },
  },
  {
    // No browser globals in shared/ either (its tsconfig has no DOM lib; this names the rule).
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'process', 'Buffer', 'require', '__dirname'].map((name) => ({
          name,
          message: 'shared/ is puur TypeScript: geen Node- of DOM-globals.',
        })),
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
