/** A stream the CLI writes to: process.stdout in production, a buffer in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Everything the CLI takes from its environment, passed in by the entry point. */
export interface CliIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Monotonic clock in ms and wall clock; injectable for tests. */
  readonly clock?: () => number;
  readonly now?: () => Date;
  /** Absolute path of the running node binary (`process.execPath`), mounted into the proof sandbox. */
  readonly execPath?: string;
}

/** Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage or runtime error. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;
