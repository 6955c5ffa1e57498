// Whether a path exists, for the target preparation and app discovery steps; other errors (EACCES...) propagate.
import { access } from 'node:fs/promises';

/** True when `path` exists, false on ENOENT; any other failure is thrown. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return false;
    throw error;
  }
}
