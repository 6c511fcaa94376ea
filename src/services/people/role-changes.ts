/** People-role changes: recorded where they happen (setup by an admin, a people import), listed for admins. */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { people, type RoleChangeRow, roleChanges } from '../../../db/schema.js';
import { salesDataChanged } from '../sales/data-version.js';

export type RoleChange = Pick<RoleChangeRow, 'fromRole' | 'toRole' | 'source' | 'changedBy' | 'changedAt'> & {
  name: string | null;
  slackUserId: string | null;
};

/** Sets the person's role and records the change, unless it is no change. */
export function changeRole(
  db: Db,
  change: { personId: number; from: RoleChangeRow['fromRole']; to: RoleChangeRow['toRole']; source: RoleChangeRow['source']; by: string | null; at: Date },
): void {
  if (change.from === change.to) return;
  db.update(people).set({ role: change.to }).where(eq(people.id, change.personId)).run();
  salesDataChanged(db);
  db.insert(roleChanges)
    .values({
      personId: change.personId,
      fromRole: change.from,
      toRole: change.to,
      source: change.source,
      changedBy: change.by,
      changedAt: change.at.toISOString(),
    })
    .run();
}

/** The newest changes first. */
export function recentRoleChanges(db: Db, limit: number): RoleChange[] {
  return db
    .select({
      name: people.name,
      slackUserId: people.slackUserId,
      fromRole: roleChanges.fromRole,
      toRole: roleChanges.toRole,
      source: roleChanges.source,
      changedBy: roleChanges.changedBy,
      changedAt: roleChanges.changedAt,
    })
    .from(roleChanges)
    .innerJoin(people, eq(people.id, roleChanges.personId))
    .orderBy(desc(roleChanges.id))
    .limit(limit)
    .all();
}
