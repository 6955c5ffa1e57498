import type { LibraryModel } from '../../core/index.js';

const root = { module: 'js-yaml' } as const;

/**
 * js-yaml: in js-yaml 3 `load` uses the full schema (`!!js/function` runs code) and `safeLoad` is safe;
 * js-yaml 4 made `load` safe and removed the function type. Models do not see versions, so `load` is a
 * sink and the rule documents the difference (docs/rules/unsafe-deserialization.md).
 */
export const jsYamlModel: LibraryModel = {
  id: 'js-yaml',
  description: 'js-yaml: load/loadAll (unsafe in js-yaml 3) as deserialization sinks',
  sinks: [
    { root, path: 'Member[load,loadAll].Argument[0]', kind: 'unsafe-deserialization', description: 'yaml.load() (js-yaml < 4)' },
  ],
  sanitizers: [
    { root, path: 'Member[safeLoad,safeLoadAll].ReturnValue', kinds: ['unsafe-deserialization'], description: 'yaml.safeLoad()' },
  ],
};
