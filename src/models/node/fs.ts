import type { LibraryModel, SinkModel, SourceModel } from '../../core/index.js';

/**
 * fs functions whose first argument is a path that is read, written or removed. Not `realpath`/`readlink`: they
 * read no file and change nothing, and canonicalising a path is how a confinement check starts
 * (`realpath(dirname(dest))` compared with the real root before writing `dest`).
 */
export const FS_PATH_FUNCTIONS = [
  'readFile',
  'readFileSync',
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'createReadStream',
  'createWriteStream',
  'open',
  'openSync',
  'unlink',
  'unlinkSync',
  'rm',
  'rmSync',
  'rmdir',
  'rmdirSync',
  'mkdir',
  'mkdirSync',
  'readdir',
  'readdirSync',
  'stat',
  'statSync',
  'lstat',
  'lstatSync',
  'access',
  'accessSync',
  'exists',
  'existsSync',
  'chmod',
  'chmodSync',
  'chown',
  'chownSync',
  'truncate',
  'truncateSync',
  'opendir',
  'opendirSync',
  'watch',
];

/** fs functions taking two paths (source and destination). */
export const FS_TWO_PATH_FUNCTIONS = [
  'copyFile',
  'copyFileSync',
  'cp',
  'cpSync',
  'rename',
  'renameSync',
  'link',
  'linkSync',
  'symlink',
  'symlinkSync',
];

const pathSinks = (module: string, prefix: string): SinkModel[] => [
  {
    root: { module },
    path: `${prefix}Member[${FS_PATH_FUNCTIONS.join(',')}].Argument[0]`,
    kind: 'path-traversal',
    description: `${module}.readFile()/writeFile()/...`,
  },
  {
    root: { module },
    path: `${prefix}Member[${FS_TWO_PATH_FUNCTIONS.join(',')}].Argument[0,1]`,
    kind: 'path-traversal',
    description: `${module}.copyFile()/rename()/...`,
  },
];

const readSources = (module: string, prefix: string): SourceModel[] => [
  {
    root: { module },
    path: `${prefix}Member[readFileSync].ReturnValue`,
    label: 'file-content',
    description: `${module}.readFileSync()`,
    optIn: 'files',
  },
  {
    root: { module },
    path: `${prefix}Member[readFile].ReturnValue.Awaited`,
    label: 'file-content',
    description: `${module}.readFile()`,
    optIn: 'files',
  },
  {
    root: { module },
    path: `${prefix}Member[readFile].Argument[1..].Parameter[1]`,
    label: 'file-content',
    description: `${module}.readFile() callback`,
    optIn: 'files',
  },
];

/** Node's `fs`, `fs.promises` and `fs/promises`: path arguments. */
export const fsModel: LibraryModel = {
  id: 'fs',
  description: "Node's fs and fs/promises: file paths as path-traversal sinks, file contents as opt-in sources",
  sinks: [...pathSinks('fs', ''), ...pathSinks('fs', 'Member[promises].'), ...pathSinks('fs/promises', '')],
  sources: [...readSources('fs', ''), ...readSources('fs', 'Member[promises].'), ...readSources('fs/promises', '')],
};

/** Path sinks for another module with fs's API (fs-extra, graceful-fs). */
export function createFsLikeSinks(module: string, extra: readonly string[] = []): SinkModel[] {
  const sinks = pathSinks(module, '');
  if (extra.length > 0) {
    sinks.push({
      root: { module },
      path: `Member[${extra.join(',')}].Argument[0]`,
      kind: 'path-traversal',
      description: `${module}.${extra[0] ?? ''}()`,
    });
  }
  return sinks;
}
