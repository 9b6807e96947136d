/** The command line itself is wrong (unknown command or option, bad value): exit code 2. */
export class UsageError extends Error {
  /** The command whose help explains the fix, if any. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

/** Exit codes: 0 success, 1 the work failed (bad migration, failed check, locked database), 2 wrong usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
