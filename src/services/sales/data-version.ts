/**
 * A version of the sales data, moved by every write that changes what the deals say (an import, a
 * CRM sync, a role change) and by any setting: figures worked out from the deals are kept with the
 * version they were worked out from, and trusted only while it stands.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { settings } from '../../../db/schema.js';

const VERSION_KEY = 'sales_data_version';

/** Deals, people or how they are read changed: every stored figure is out of date. Call it in the write's transaction, or after it. */
export function salesDataChanged(db: Db): void {
  db.insert(settings)
    .values({ key: VERSION_KEY, value: 1 })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`${settings.value} + 1`, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` } })
    .run();
}

/** The counter, and the newest setting (the fiscal calendar, currency rates) as well, since they change what the deals say. */
export function salesDataVersion(db: Db): string {
  const row = db.$client
    .prepare(`SELECT (SELECT value FROM settings WHERE key = '${VERSION_KEY}') AS counter, (SELECT max(updated_at) FROM settings) AS newest`)
    .get() as { counter: string | null; newest: string | null };
  return `${row.counter ?? 0}@${row.newest ?? ''}`;
}
