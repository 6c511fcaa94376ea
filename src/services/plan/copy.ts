/** "Start from a past SKO": reads what a new SKO takes from an earlier one, and writes it onto the new one. */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { agendaSessions, budgetOverrides, communications, type EventRow, surveys } from '../../../db/schema.js';
import { planCopy } from '../../domain/plan/copy.js';
import type { SetupInput } from '../../domain/plan/setup.js';
import { type EventRole, LEAD_ROLES, type LeadRole, roleInSentence } from '../../domain/roles.js';
import { InputError, NotFoundError } from '../../errors.js';
import { followAgenda } from '../agenda/ratings.js';
import { COMMUNICATION_TEMPLATES } from '../comms/calendar.js';
import { eventById, roleHolders, timelineOf } from './event-store.js';

/** What was copied, for the setup summary. */
export interface CopySummary {
  from: string;
  sessions: number;
  sessionsLeftOut: number;
  budgetCategories: number;
  /** Messages whose text was written for the past SKO, and messages whose send or closing time was edited there. */
  texts: number;
  times: number;
  surveys: number;
  /** The roles whose holders came from the past SKO (the form left them empty). */
  roles: EventRole[];
}

/** The SKO a new one starts from, if the form chose one; editing an SKO never copies into it. */
export function copySource(db: Db, input: SetupInput, eventId: number | null): EventRow | undefined {
  if (input.copyFrom === undefined || eventId !== null) return undefined;
  const source = eventById(db, input.copyFrom);
  if (!source) throw new NotFoundError('The SKO to start from is no longer there. Run `/sko setup` again and pick another.');
  return source;
}

/**
 * Who holds the roles: the ones chosen in the form, and for a role left empty, whoever held it in
 * the SKO started from (its sales leaders too, when none are chosen).
 */
export function rolesFor(
  db: Db,
  input: SetupInput,
  source: EventRow | undefined,
): { leads: Record<LeadRole, string>; salesLeaders: string[]; copied: EventRole[] } {
  const holders = source ? roleHolders(db, source.id) : [];
  const slackIdsOf = (role: string) => holders.flatMap((h) => (h.role === role && h.person.slackUserId ? [h.person.slackUserId] : []));
  const leads = {} as Record<LeadRole, string>;
  for (const role of LEAD_ROLES) {
    const holder = input.leads[role] ?? slackIdsOf(role)[0];
    if (!holder) throw new InputError(`Choose the ${roleInSentence(role)}${source ? `: ${source.name} had none to copy` : ''}.`, role);
    leads[role] = holder;
  }
  const salesLeaders = input.salesLeaders.length > 0 ? input.salesLeaders : slackIdsOf('sales_leader');
  const copied: EventRole[] = [
    ...LEAD_ROLES.filter((role) => !input.leads[role]),
    ...(input.salesLeaders.length === 0 && salesLeaders.length > 0 ? (['sales_leader'] as const) : []),
  ];
  return { leads, salesLeaders, copied: source ? copied : [] };
}

/** Writes the copy onto the new SKO; runs inside setup's transaction, so a failure leaves no half-made SKO. */
export function copyInto(db: Db, source: EventRow, event: EventRow, roles: EventRole[], now: Date): CopySummary {
  const plan = planCopy(
    {
      name: source.name,
      timeZone: source.timeZone,
      timelineInNewZone: timelineOf({ ...source, timeZone: event.timeZone }),
      budgetCents: source.budgetCents,
      sessions: db.select().from(agendaSessions).where(eq(agendaSessions.eventId, source.id)).orderBy(asc(agendaSessions.id)).all(),
      budget: db.select().from(budgetOverrides).where(eq(budgetOverrides.eventId, source.id)).all(),
      communications: db.select().from(communications).where(eq(communications.eventId, source.id)).all(),
      surveys: db.select().from(surveys).where(eq(surveys.eventId, source.id)).orderBy(asc(surveys.id)).all(),
    },
    { timeline: timelineOf(event), budgetCents: event.budgetCents },
    COMMUNICATION_TEMPLATES,
  );
  const eventId = event.id;
  for (const s of plan.sessions) {
    const { day, start, end, title, kind, format, speakers, takeaways, nextSteps } = s;
    db.insert(agendaSessions).values({ eventId, day, start, end, title, kind, format, speakers, takeaways, nextSteps }).run();
  }
  for (const b of plan.budget)
    db.insert(budgetOverrides)
      .values({ eventId, ...b })
      .run();
  for (const c of plan.communications)
    db.insert(communications)
      .values({ eventId, ...c })
      .run();
  for (const s of plan.surveys)
    db.insert(surveys)
      .values({ eventId, ...s })
      .run();
  // The post-event survey's session questions name the past SKO's sessions: they are asked about this one's.
  followAgenda(db, event, now);
  return {
    from: source.name,
    sessions: plan.sessions.length,
    sessionsLeftOut: plan.sessionsLeftOut,
    budgetCategories: plan.budget.length,
    texts: plan.communications.filter((c) => c.body !== null).length,
    times: plan.communications.filter((c) => c.sendAt !== null || c.closesAt !== null).length,
    surveys: plan.surveys.length,
    roles,
  };
}
