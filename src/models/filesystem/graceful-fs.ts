import type { LibraryModel } from '../../core/index.js';
import { createFsLikeSinks } from '../node/fs.js';

/** graceful-fs: fs with retries, same API. */
export const gracefulFsModel: LibraryModel = {
  id: 'graceful-fs',
  description: 'graceful-fs: the fs API',
  sinks: createFsLikeSinks('graceful-fs'),
};
