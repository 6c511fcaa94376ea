import { type InputError, isUserFacing, type NotAllowedError, type NotFoundError } from '../../src/errors.js';

/**
 * Runs a use-case for a handler. A refusal meant for the person (bad input, not allowed, not found)
 * is handed to `refuse` to tell them, and yields undefined; any other error is thrown on to app.error().
 */
export async function unlessRefused<T>(
  run: () => T,
  refuse: (message: string, error: InputError | NotAllowedError | NotFoundError) => Promise<unknown>,
): Promise<T | undefined> {
  try {
    return run();
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    await refuse(error.message, error);
    return undefined;
  }
}
