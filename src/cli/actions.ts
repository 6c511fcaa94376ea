/** `sko actions export --csv`: every action item of an SKO (`--sko`, or the only one running), as CSV. */
import { actionItemCsv } from '../domain/action-items/reports.js';
import { InputError } from '../errors.js';
import { actionItemsForExport } from '../services/action-items/items.js';
import { skoForCommandLine } from '../services/plan/which-sko.js';
import { existingDatabasePath, openMigrated } from './database.js';

export function exportActions(options: { db?: string | undefined; csv?: boolean | undefined; sko?: string | undefined }, positionals: string[]): void {
  if (positionals[0] !== 'export' || positionals.length > 1) throw new InputError('`actions` has one command: `actions export --csv`.');
  if (!options.csv)
    throw new InputError(
      'Say the format: `actions export --csv` (CSV is the one there is). Redirect it to a file: `npm run sko -- actions export --csv > actions.csv`.',
    );

  const path = existingDatabasePath(options);
  const db = openMigrated(path);
  try {
    const event = skoForCommandLine(db, options.sko);
    process.stdout.write(actionItemCsv(actionItemsForExport(db, event.id)));
  } finally {
    db.$client.close();
  }
}
