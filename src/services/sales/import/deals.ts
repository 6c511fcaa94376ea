/** Importing a deals file: each deal with its owner. */
import type { Db } from '../../../../db/client.js';
import type { DealImportRow } from '../../../domain/sales/import-formats.js';
import { PersonResolver } from './person-resolver.js';
import type { KindHandler } from './staging.js';

/** The deals table's columns, staged under the same names so the write copies them across in SQL. */
const COLUMNS = ['id', 'owner_id', 'account', 'product', 'segment', 'stage', 'outcome', 'amount_cents', 'created_date', 'close_date'] as const;
const UPDATED = COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

export function dealsHandler(db: Db): KindHandler {
  const people = new PersonResolver(db);
  return {
    unit: { one: 'deal', many: 'deals' },
    columns: COLUMNS,
    check(row: DealImportRow) {
      const owner = people.resolve(row.owner_email as string, 'owner');
      if ('problem' in owner) return { problems: [owner.problem] };
      const id = row.id as string;
      return {
        key: id,
        value: [id, owner.id, row.account, row.product, row.segment, row.stage, row.outcome, row.amount, row.created_date, row.close_date],
      };
    },
    duplicate: (key, first) => `duplicate id ${key} (also on line ${first})`,
    existing: (stage) => db.$client.prepare(`SELECT count(*) FROM ${stage.table} s JOIN deals d ON d.id = s.key`).pluck().get() as number,
    *write(stage) {
      // WHERE before ON CONFLICT is what lets SQLite tell the upsert from a join.
      yield* stage.sqlBatches(
        `INSERT INTO deals (${COLUMNS.join(', ')}) SELECT ${COLUMNS.join(', ')} FROM ${stage.table} WHERE rowid > ? AND rowid <= ? ORDER BY rowid
         ON CONFLICT(id) DO UPDATE SET ${UPDATED}`,
      );
      return [];
    },
  };
}
