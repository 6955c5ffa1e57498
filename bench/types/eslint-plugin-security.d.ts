// eslint-plugin-security 3 ships no type declarations; this is the part the benchmark uses.
declare module 'eslint-plugin-security' {
  import type { ESLint, Linter } from 'eslint';

  const plugin: ESLint.Plugin & { readonly configs: { readonly recommended: Linter.Config } };
  export = plugin;
}
