import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Deps } from './deps.js';
import { firstDelivery } from './services/inbound/deliveries.js';
import { refreshWorkspaceRole } from './services/people/admins.js';

type Body = Record<string, unknown> & { user?: { id?: string } | string; user_id?: string; event?: { user?: string; bot_id?: string } };

/** Who is acting: the person behind a command, an interaction or an event (bots are nobody). */
function actingUser(body: Body): string | undefined {
  if (typeof body.user_id === 'string') return body.user_id;
  if (typeof body.user === 'object' && typeof body.user?.id === 'string') return body.user.id;
  if (body.event && !body.event.bot_id && typeof body.event.user === 'string') return body.event.user;
  return undefined;
}

/** The identity of one delivery: an event's event_id, an interaction's trigger_id (new for each click or submit). */
function deliveryKey(body: Body): string | undefined {
  if (body.type === 'event_callback' && typeof body.event_id === 'string') return `event:${body.event_id}`;
  if ((body.type === 'view_submission' || body.type === 'block_actions') && typeof body.trigger_id === 'string') return `${body.type}:${body.trigger_id}`;
  return undefined;
}

/**
 * Runs before every listener: a delivery seen before is acknowledged and dropped (events are
 * acknowledged by Bolt already), and the person's workspace role is fresh for the access checks.
 */
export function inboundMiddleware(deps: Deps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Body;
    const key = deliveryKey(body);
    if (key && !firstDelivery(deps.db, key, deps.clock.now())) {
      deps.logger.info(`dropped a repeated delivery (${key}${args.context.retryNum ? `, retry ${args.context.retryNum}` : ''})`);
      if (body.type !== 'event_callback' && 'ack' in args && typeof args.ack === 'function') await args.ack();
      return;
    }
    const user = actingUser(body);
    if (user) await refreshWorkspaceRole(deps.db, deps.slack, user, deps.clock.now(), deps.logger);
    await args.next();
  };
}
