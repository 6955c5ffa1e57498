/** Runs SQL. Parameters are `$1`, `$2`...; JSON values are passed as strings and cast with `::jsonb`. */
export interface SqlExecutor {
  query<R extends object>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Run several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

/** A connection that can open transactions. */
export interface SqlSession extends SqlExecutor {
  /** Run `fn` in a transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/** What the store needs from a database engine; PGlite and node-postgres implement it. */
export interface SqlDriver extends SqlSession {
  readonly engine: 'pglite' | 'postgres';
  /** Run `fn` on one pinned connection, for session-level advisory locks. */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
