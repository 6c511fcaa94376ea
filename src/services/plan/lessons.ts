/** Lessons learned: saved from the week-12 form, drafted from the post-event survey, read by the next SKO. */
import { and, desc, eq, lt, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type EventRow, events, type LessonsRow, lessons, type Person, people, tasks } from '../../../db/schema.js';
import { draftLessons, LESSONS_TASK_KEY, lessonLines, lessonsProblems, lessonTasks, type PreviousLessonsView } from '../../domain/plan/lessons.js';
import type { TaskInstance } from '../../domain/plan/playbook.js';
import { InputError } from '../../errors.js';
import { lessonsEventFor } from '../people/access.js';
import { ensurePeople } from '../people/people.js';
import { summaryOf, surveyOf } from '../surveys/surveys.js';
import { completeTask } from './tasks.js';

export interface SavedLessons {
  event: EventRow;
  lessons: LessonsRow;
}

/** The form as typed: one lesson a line, and the owner chosen in Slack. */
export interface LessonsForm {
  worked: string;
  toChange: string;
  ownerSlackId: string | null;
}

/** Saves (or replaces) an SKO's lessons and marks its week-12 task done; the form's problems come back as a LessonsInputError by field. */
export function saveLessons(db: Db, eventId: number, slackUserId: string, form: LessonsForm, now: Date): SavedLessons {
  const { event, actor } = lessonsEventFor(db, eventId, slackUserId);
  const stamp = now.toISOString();
  return db.transaction(() => {
    const owner = form.ownerSlackId ? ensurePeople(db, [form.ownerSlackId]).get(form.ownerSlackId) : undefined;
    const input = { worked: lessonLines(form.worked), toChange: lessonLines(form.toChange), ownerId: owner?.id ?? null };
    const problems = lessonsProblems(input);
    if (Object.keys(problems).length) throw new LessonsInputError(problems);
    const values = { worked: input.worked, toChange: input.toChange, ownerId: input.ownerId, savedBy: actor.personId, savedAt: stamp };
    const saved = db
      .insert(lessons)
      .values({ eventId: event.id, ...values })
      .onConflictDoUpdate({ target: lessons.eventId, set: values })
      .returning()
      .get();
    const task = db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.eventId, event.id), eq(tasks.key, LESSONS_TASK_KEY)))
      .get();
    if (task) completeTask(db, task.id, actor.personId, now);
    return { event, lessons: saved };
  });
}

/** The form's problems, by field: the modal shows each under its own field. */
export class LessonsInputError extends InputError {
  readonly fields: Partial<Record<'worked' | 'toChange' | 'owner', string>>;

  constructor(fields: Partial<Record<'worked' | 'toChange' | 'owner', string>>) {
    super(Object.values(fields).join(' '));
    this.fields = fields;
  }
}

function lessonsOf(db: Db, eventId: number): LessonsRow | undefined {
  return db.select().from(lessons).where(eq(lessons.eventId, eventId)).get();
}

/** What the form starts with: the lessons saved so far, else a draft from the post-event survey's results. */
export function lessonsStart(db: Db, eventId: number): { worked: string; toChange: string; ownerSlackId: string | null; fromSurvey: boolean } {
  const saved = lessonsOf(db, eventId);
  if (saved) return { worked: saved.worked.join('\n'), toChange: saved.toChange.join('\n'), ownerSlackId: personSlackId(db, saved.ownerId), fromSurvey: false };
  const post = surveyOf(db, eventId, 'post');
  const draft = post ? draftLessons(summaryOf(db, post)) : null;
  return { worked: draft?.worked ?? '', toChange: draft?.toChange ?? '', ownerSlackId: null, fromSurvey: draft !== null };
}

function personSlackId(db: Db, personId: number | null): string | null {
  if (personId === null) return null;
  return db.select({ slackUserId: people.slackUserId }).from(people).where(eq(people.id, personId)).get()?.slackUserId ?? null;
}

interface PreviousLessons {
  event: EventRow;
  lessons: LessonsRow;
  owner: Person | null;
}

/** The SKO before this one: the newest other SKO with lessons whose day 1 is earlier. */
function previousLessons(db: Db, event: Pick<EventRow, 'id' | 'day1'>): PreviousLessons | null {
  const row = db
    .select({ event: events, lessons })
    .from(lessons)
    .innerJoin(events, eq(events.id, lessons.eventId))
    .where(and(ne(events.id, event.id), lt(events.day1, event.day1)))
    .orderBy(desc(events.day1), desc(events.id))
    .limit(1)
    .get();
  if (!row) return null;
  const owner = row.lessons.ownerId === null ? null : (db.select().from(people).where(eq(people.id, row.lessons.ownerId)).get() ?? null);
  return { ...row, owner };
}

/** The previous SKO's lessons as its successor shows them; null when there is none. */
export function previousLessonsView(db: Db, event: Pick<EventRow, 'id' | 'day1'>): PreviousLessonsView | null {
  const previous = previousLessons(db, event);
  if (!previous) return null;
  const { event: before, lessons: learned, owner } = previous;
  return { eventName: before.name, day1: before.day1, worked: learned.worked, toChange: learned.toChange, ownerSlackId: owner?.slackUserId ?? null };
}

/** The week-1 tasks an SKO gets from the previous SKO's "what to change", one each, for the lessons' owner. */
export function lessonTaskInstances(db: Db, event: Pick<EventRow, 'id' | 'day1'>): TaskInstance[] {
  const previous = previousLessons(db, event);
  return lessonTasks(previous ? { eventId: previous.event.id, toChange: previous.lessons.toChange, ownerId: previous.lessons.ownerId } : null);
}
