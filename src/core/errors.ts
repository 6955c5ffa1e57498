/**
 * Base of every expected failure. `code` is stable once released; the CLI maps it to a
 * message and exit code 2, the server to an HTTP status (STYLE.md §5).
 */
export abstract class AppError extends Error {
  abstract readonly code: string;
  /** HTTP status for the server edge; 4xx for the caller's mistakes, 5xx for ours. */
  readonly httpStatus: number = 500;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A command-line argument or API parameter is invalid. */
export class UsageError extends AppError {
  readonly code = 'USAGE';
  override readonly httpStatus = 400;
}

/** The path to scan does not exist or cannot be read. */
export class ScanPathError extends AppError {
  readonly code = 'SCAN_PATH_INVALID';
  override readonly httpStatus = 400;
  constructor(
    readonly path: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`Cannot scan ${path}: ${reason}`, options);
  }
}

/** A configuration file is malformed or fails its schema; the message names the file and key. */
export class ConfigError extends AppError {
  readonly code = 'CONFIG_INVALID';
  override readonly httpStatus = 400;
  constructor(
    readonly file: string,
    readonly key: string | undefined,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${file}${key ? `: ${key}` : ''}: ${detail}`, options);
  }
}

/** The store cannot be opened or reached. */
export class StoreUnavailableError extends AppError {
  readonly code = 'STORE_UNAVAILABLE';
  override readonly httpStatus = 503;
}

/** A store operation failed (constraint, migration, query). */
export class StoreError extends AppError {
  readonly code = 'STORE_FAILED';
}

/** A requested record does not exist. */
export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
  override readonly httpStatus = 404;
}

/** A short id prefix matches more than one record; the caller must give more characters. */
export class AmbiguousIdError extends AppError {
  readonly code = 'AMBIGUOUS_ID';
  override readonly httpStatus = 400;
  constructor(
    readonly prefix: string,
    readonly matches: readonly string[],
    options?: ErrorOptions,
  ) {
    super(`Id prefix "${prefix}" is ambiguous; it matches ${matches.join(', ')}. Give more characters.`, options);
  }
}

/** A record cannot move from its current state to the requested one (finding lifecycle, scan status). */
export class InvalidTransitionError extends AppError {
  readonly code = 'INVALID_TRANSITION';
  override readonly httpStatus = 409;
  constructor(
    readonly subject: string,
    readonly from: string,
    readonly to: string,
    options?: ErrorOptions,
  ) {
    super(`${subject} cannot go from "${from}" to "${to}"`, options);
  }
}

/** A rule threw while analysing a file; reported as a diagnostic, never a crash of the scan. */
export class RuleCrashedError extends AppError {
  readonly code = 'RULE_CRASHED';
  constructor(
    readonly ruleId: string,
    readonly file: string,
    options?: ErrorOptions,
  ) {
    super(`Rule "${ruleId}" crashed while analyzing ${file}`, options);
  }
}

/** A lockfile (package-lock.json, yarn.lock, pnpm-lock.yaml) is malformed; the message names the file and line. */
export class LockfileError extends AppError {
  readonly code = 'LOCKFILE_INVALID';
  override readonly httpStatus = 400;
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`, options);
  }
}

/** An output could not be written or rendered. */
export class OutputError extends AppError {
  readonly code = 'OUTPUT_FAILED';
}

/** Whether a value is an {@link AppError}. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** The proof sandbox (bubblewrap) is missing or unusable; proofs never run unisolated by default. */
export class SandboxUnavailableError extends AppError {
  readonly code = 'SANDBOX_UNAVAILABLE';
  override readonly httpStatus = 503;
  constructor(
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`The proof sandbox is unavailable: ${reason}`, options);
  }
}

/** A file handed to an importer (SARIF from another scanner) is malformed; the message names the file and the place. */
export class ImportError extends AppError {
  readonly code = 'IMPORT_INVALID';
  override readonly httpStatus = 400;
  constructor(
    readonly file: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${detail}`, options);
  }
}
