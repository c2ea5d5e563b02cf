/** Errors a user can act on: one line naming the file and the problem. */
export class CableError extends Error {
  constructor(
    message: string,
    readonly file: string | null = null,
  ) {
    super(message);
    this.name = 'CableError';
  }

  /** `FILE: problem` — the one line the CLI prints. */
  toLine(): string {
    return this.file ? `${this.file}: ${this.message}` : this.message;
  }
}

/** The one line a user sees for an error: `FILE: problem` for a CableError, else the message's first line. */
export function errorLine(err: unknown): string {
  if (err instanceof CableError) return err.toLine();
  if (err instanceof Error) return err.message.split('\n')[0] ?? String(err);
  return String(err);
}
