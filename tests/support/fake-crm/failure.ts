import { CrmError } from '../../../src/services/sales/sync/http.js';

/** The CrmError a sync ends with; any other error, or none, fails the test that expected a refusal. */
export async function syncFailure(run: () => Promise<unknown>): Promise<CrmError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof CrmError) return error;
    throw error;
  }
  throw new Error('the sync succeeded');
}
