/**
 * Named errors. Each carries a message written for the person who will read it:
 * what went wrong and what to do about it.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`SKO Conductor cannot start. Fix these settings (in .env or the environment):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Input a person gave that we cannot accept; `field` names the form field or argument at fault. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The person may not do this; the message says who may. */
export class NotAllowedError extends Error {
  override readonly name = 'NotAllowedError';
}

/** Something the request needs does not exist yet (no SKO set up, unknown task, …). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** Errors whose message is safe and useful to show a person as it is. */
export function isUserFacing(error: unknown): error is InputError | NotAllowedError | NotFoundError {
  return error instanceof InputError || error instanceof NotAllowedError || error instanceof NotFoundError;
}
