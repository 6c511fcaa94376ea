import type { EventRole, PeopleRole } from './roles.js';

/**
 * The access rules of PRODUCT §3, in one place. Pure: callers load the actor, these decide.
 */
export interface Actor {
  personId: number;
  role: PeopleRole;
  eventRoles: readonly EventRole[];
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };

/** Only an admin or the SKO lead changes the event's setup; with no admin yet, the first to set up becomes one. */
export function decideChangeSetup(actor: Actor | null, context: { adminExists: boolean; skoLeadMention?: string | undefined }): Decision {
  if (!context.adminExists) return allow;
  if (actor && (actor.role === 'admin' || actor.eventRoles.includes('sko_lead'))) return allow;
  const who = context.skoLeadMention ? `an admin or the SKO lead (${context.skoLeadMention})` : 'an admin or the SKO lead';
  return { allowed: false, reason: `Only ${who} can change the SKO setup. Ask them to make the change, or to make you an admin.` };
}

/** An action item is changed by its owner, its creator, the SKO lead, an admin or a leader (issue 5). */
export function decideChangeActionItem(
  actor: Actor,
  item: { ownerPersonId: number; creatorPersonId: number; ownerMention?: string | undefined },
): Decision {
  if (actor.personId === item.ownerPersonId || actor.personId === item.creatorPersonId) return allow;
  if (actor.role === 'admin' || actor.role === 'leader' || actor.eventRoles.includes('sko_lead')) return allow;
  const owner = item.ownerMention ? `its owner (${item.ownerMention})` : 'its owner';
  return {
    allowed: false,
    reason: `Only ${owner}, the person who created it, the SKO lead, an admin or a sales leader can change this action item. Ask one of them to make the change.`,
  };
}

const isAdminOrSkoLead = (actor: Actor | null): actor is Actor => actor !== null && (actor.role === 'admin' || actor.eventRoles.includes('sko_lead'));

/** Marking a task done (or undoing it): its owner, the SKO lead and admins. */
export function decideTaskChange(actor: Actor | null, task: { title: string; ownerPersonId: number | null; ownerMention?: string | undefined }): Decision {
  if (actor && task.ownerPersonId !== null && actor.personId === task.ownerPersonId) return allow;
  if (isAdminOrSkoLead(actor)) return allow;
  const owner = task.ownerMention ? `its owner (${task.ownerMention})` : 'its owner';
  return { allowed: false, reason: `Only ${owner}, the SKO lead or an admin can mark “${task.title}” done or reopen it.` };
}

/** Giving a task to someone else: the SKO lead and admins, who answer for the plan as a whole. */
export function decideReassign(actor: Actor | null, context: { skoLeadMention?: string | undefined } = {}): Decision {
  if (isAdminOrSkoLead(actor)) return allow;
  const lead = context.skoLeadMention ? ` Ask ${context.skoLeadMention} to do it.` : '';
  return { allowed: false, reason: `Only the SKO lead or an admin can reassign tasks.${lead}` };
}

/** Who did not get which message, and why: the SKO lead and admins, who can fix it. */
export function decideSeeDeliveryProblems(actor: Actor | null): Decision {
  return isAdminOrSkoLead(actor) ? allow : { allowed: false, reason: 'Delivery problems are shown to the SKO lead and admins.' };
}

/** The communications calendar (times, texts, cancelling, the quiz): the communications lead, the SKO lead and admins. */
export function decideEditCommunications(actor: Actor | null): Decision {
  if (actor && (actor.role === 'admin' || actor.eventRoles.includes('sko_lead') || actor.eventRoles.includes('communications_lead'))) return allow;
  return { allowed: false, reason: 'Only the communications lead, the SKO lead or an admin can change the communications calendar.' };
}

/** Reading the calendar and its delivery counts: those who may change it, and leaders. */
export function decideSeeCommunications(actor: Actor | null): Decision {
  if (decideEditCommunications(actor).allowed || actor?.role === 'leader') return allow;
  return { allowed: false, reason: 'The communications calendar is shown to the communications lead, the SKO lead, sales leaders and admins.' };
}

/** Survey results: leaders, admins and the SKO lead; anonymous surveys reach them only in aggregate. */
export function decideSeeSurveyResults(actor: Actor | null): Decision {
  if (actor && (actor.role === 'admin' || actor.role === 'leader' || actor.eventRoles.includes('sko_lead') || actor.eventRoles.includes('sales_leader'))) return allow;
  return { allowed: false, reason: 'Survey results are shown to sales leaders, admins and the SKO lead.' };
}
