import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { tasks, type TaskRow } from '../../db/schema.js';
import { NotFoundError } from '../errors.js';

/** Records a task as done, with who and when; doing it twice keeps the first record. */
export function completeTask(db: Db, taskId: number, personId: number, now: Date): TaskRow {
  const task = db.select().from(tasks).where(eq(tasks.id, taskId)).get();
  if (!task) throw new NotFoundError('That task no longer exists; run `/sko status` to see the current plan.');
  if (task.status === 'done') return task;
  return db
    .update(tasks)
    .set({ status: 'done', doneAt: now.toISOString(), doneBy: personId, updatedAt: now.toISOString() })
    .where(and(eq(tasks.id, taskId), eq(tasks.status, 'open')))
    .returning()
    .get() as TaskRow;
}
