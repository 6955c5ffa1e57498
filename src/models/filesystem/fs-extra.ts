import type { LibraryModel } from '../../core/index.js';
import { createFsLikeSinks } from '../node/fs.js';

/** fs-extra: everything fs has, plus its own path functions. */
export const fsExtraModel: LibraryModel = {
  id: 'fs-extra',
  description: 'fs-extra: fs plus copy/move/remove/outputFile/readJson...',
  sinks: [
    ...createFsLikeSinks('fs-extra', [
      'readJson',
      'readJsonSync',
      'writeJson',
      'writeJsonSync',
      'outputFile',
      'outputFileSync',
      'outputJson',
      'outputJsonSync',
      'remove',
      'removeSync',
      'emptyDir',
      'emptyDirSync',
      'ensureFile',
      'ensureFileSync',
      'ensureDir',
      'ensureDirSync',
      'mkdirp',
      'mkdirs',
      'pathExists',
      'pathExistsSync',
    ]),
    {
      root: { module: 'fs-extra' },
      path: 'Member[copy,copySync,move,moveSync,ensureLink,ensureSymlink].Argument[0,1]',
      kind: 'path-traversal',
      description: 'fs-extra.copy()/move()',
    },
  ],
};
