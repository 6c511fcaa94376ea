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
