import type { Actor, Decision } from './access.js';

/**
 * Who puts a session's content up for approval and who approves it (issue 20). Sessions have no
 * owner of their own, so the content lead owns their content, with the SKO lead and admins.
 */
export function decideSubmitContent(actor: Actor | null): Decision {
  if (actor && (actor.role === 'admin' || actor.eventRoles.some((r) => r === 'sko_lead' || r === 'content_lead'))) return { allowed: true };
  return { allowed: false, reason: 'Only the content lead, the SKO lead or an admin can put session content up for approval. Send them the link.' };
}

/** Leadership approves content: sales leaders (the SKO's and the company's), the SKO lead and admins. */
export function decideApproveContent(actor: Actor | null): Decision {
  if (actor && (actor.role === 'admin' || actor.role === 'leader' || actor.eventRoles.some((r) => r === 'sko_lead' || r === 'sales_leader'))) {
    return { allowed: true };
  }
  return { allowed: false, reason: 'Only sales leaders, the SKO lead or an admin can approve session content or ask for changes.' };
}
