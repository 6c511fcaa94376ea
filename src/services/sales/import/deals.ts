/** Importing a deals file: each deal with its owner. */
import type { Db } from '../../../../db/client.js';
import type { DealImportRow } from '../../../domain/sales/import-formats.js';
import { PersonResolver } from './person-resolver.js';
import type { KindHandler } from './staging.js';

interface StagedDeal {
  id: string;
  ownerId: number;
  account: string | null;
  product: string | null;
  segment: string | null;
  stage: string;
  outcome: string;
  amountCents: number | null;
  createdDate: string | null;
  closeDate: string | null;
}

export function dealsHandler(db: Db): KindHandler {
  const people = new PersonResolver(db);
  return {
    unit: { one: 'deal', many: 'deals' },
    check(row: DealImportRow) {
      const owner = people.resolve(row.owner_email as string, 'owner');
      if ('problem' in owner) return { problems: [owner.problem] };
      const value: StagedDeal = {
        id: row.id as string,
        ownerId: owner.id,
        account: row.account,
        product: row.product,
        segment: row.segment,
        stage: row.stage as string,
        outcome: row.outcome as string,
        amountCents: row.amount,
        createdDate: row.created_date,
        closeDate: row.close_date,
      };
      return { key: value.id, value };
    },
    duplicate: (key, first) => `duplicate id ${key} (also on line ${first})`,
    existing: (stage) => db.$client.prepare(`SELECT count(*) FROM ${stage.table} s JOIN deals d ON d.id = s.key`).pluck().get() as number,
    *write(stage) {
      const upsert = db.$client.prepare(
        `INSERT INTO deals (id, owner_id, account, product, segment, stage, outcome, amount_cents, created_date, close_date)
         VALUES (@id, @ownerId, @account, @product, @segment, @stage, @outcome, @amountCents, @createdDate, @closeDate)
         ON CONFLICT(id) DO UPDATE SET owner_id = excluded.owner_id, account = excluded.account, product = excluded.product,
           segment = excluded.segment, stage = excluded.stage, outcome = excluded.outcome, amount_cents = excluded.amount_cents,
           created_date = excluded.created_date, close_date = excluded.close_date`,
      );
      yield* stage.batches<StagedDeal>((rows) => {
        for (const row of rows) upsert.run(row);
      });
      return [];
    },
  };
}
