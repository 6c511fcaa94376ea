/** Importing an accounts file: each account with its owner, region and potential. */
import type { Db } from '../../../../db/client.js';
import type { AccountImportRow } from '../../../domain/sales/import-formats.js';
import { PersonResolver } from './person-resolver.js';
import type { KindHandler } from './staging.js';

interface StagedAccount {
  name: string;
  ownerId: number | null;
  region: string | null;
  segment: string | null;
  industry: string | null;
  potentialCents: number | null;
}

export function accountsHandler(db: Db): KindHandler {
  const people = new PersonResolver(db);
  return {
    unit: { one: 'account', many: 'accounts' },
    check(row: AccountImportRow) {
      let ownerId: number | null = null;
      if (row.owner_email) {
        const owner = people.resolve(row.owner_email, 'owner');
        if ('problem' in owner) return { problems: [owner.problem] };
        ownerId = owner.id;
      }
      const value: StagedAccount = {
        name: row.name as string,
        ownerId,
        region: row.region,
        segment: row.segment,
        industry: row.industry,
        potentialCents: row.potential,
      };
      return { key: value.name, value };
    },
    duplicate: (key, first) => `duplicate account ${key} (also on line ${first})`,
    existing: (stage) => db.$client.prepare(`SELECT count(*) FROM ${stage.table} s JOIN accounts a ON a.name = s.key`).pluck().get() as number,
    *write(stage) {
      const upsert = db.$client.prepare(
        `INSERT INTO accounts (name, owner_id, region, segment, industry, potential_cents) VALUES (@name, @ownerId, @region, @segment, @industry, @potentialCents)
         ON CONFLICT(name) DO UPDATE SET owner_id = excluded.owner_id, region = excluded.region, segment = excluded.segment,
           industry = excluded.industry, potential_cents = excluded.potential_cents`,
      );
      yield* stage.batches<StagedAccount>((rows) => {
        for (const row of rows) upsert.run(row);
      });
      return [];
    },
  };
}
