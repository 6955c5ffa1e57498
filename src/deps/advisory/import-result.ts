/** A record an import skipped, and why (imports go on past bad records). */
export interface ImportProblem {
  /** File name, zip entry or row. */
  readonly where: string;
  readonly message: string;
}
