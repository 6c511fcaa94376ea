import { createHash } from 'node:crypto';
import type { AnyMiddlewareArgs, App, Middleware, ReceiverEvent } from '@slack/bolt';
import type { Deps } from './deps.js';
import { firstDelivery, forgetDelivery } from './services/inbound/deliveries.js';
import { refreshWorkspaceRole } from './services/people/admins.js';

type Body = Record<string, unknown> & {
  user?: { id?: string } | string;
  user_id?: string;
  event?: { user?: string; bot_id?: string };
  view?: { id?: unknown; hash?: unknown; state?: { values?: unknown } };
};

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
 * The identity of what a submission says: the same view (id and hash) with the same values. A
 * double click on Save can arrive as two submissions with two trigger_ids; this catches the second.
 */
function submissionKey(body: Body): string | undefined {
  if (body.type !== 'view_submission' || !body.view) return undefined;
  const { id, hash, state } = body.view;
  if (typeof id !== 'string' || typeof hash !== 'string') return undefined;
  const values = createHash('sha256')
    .update(JSON.stringify(state?.values ?? {}))
    .digest('base64url');
  return `view:${id}:${hash}:${values}`;
}

/**
 * Runs before every listener: a delivery seen before is acknowledged and dropped (events are
 * acknowledged by Bolt already), and the person's workspace role is fresh for the access checks.
 */
export function inboundMiddleware(deps: Deps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Body;
    const now = deps.clock.now();
    const key = deliveryKey(body);
    if (key && !firstDelivery(deps.db, key, now)) {
      deps.logger.info(`dropped a repeated delivery (${key}${args.context.retryNum ? `, retry ${args.context.retryNum}` : ''})`);
      if (body.type !== 'event_callback' && 'ack' in args && typeof args.ack === 'function') await args.ack();
      return;
    }
    const user = actingUser(body);
    if (user) await refreshWorkspaceRole(deps.db, deps.slack, user, deps.clock.now(), deps.logger);
    await args.next();
  };
}

/**
 * A modal's submission is handled once per view and values, whatever its trigger_id: wraps the
 * app's entry point, since only there is the acknowledgement's content seen (a submission refused
 * with field errors must get the same errors when sent again, not be dropped).
 */
export function handleSubmissionsOnce(app: App, deps: Deps): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    const key = submissionKey(event.body as Body);
    if (!key) return processEvent(event);
    if (!firstDelivery(deps.db, key, deps.clock.now())) {
      deps.logger.info(`dropped a repeated submission (${key})`);
      await event.ack();
      return;
    }
    const ack = event.ack;
    try {
      await processEvent({
        ...event,
        ack: (response?: unknown) => {
          if ((response as { response_action?: string } | undefined)?.response_action === 'errors') forgetDelivery(deps.db, key);
          return ack(response);
        },
      });
    } catch (error) {
      // Not handled after all (the app not ready yet, a listener that threw): sending it again may work.
      forgetDelivery(deps.db, key);
      throw error;
    }
  };
}
