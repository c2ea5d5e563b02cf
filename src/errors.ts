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
