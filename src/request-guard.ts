/**
 * Requests Bolt's HTTP receiver lets through or trips over, refused before it sees them: a signed
 * timestamp from the future (Bolt only refuses old ones, so a captured request could be replayed
 * for as long as its clock was set ahead), and an interaction payload that is not a JSON object
 * (`payload=null` threw inside Bolt, left the request unanswered and the rejection unhandled).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import { HTTPModuleFunctions, type HTTPReceiver, isRawBodyError } from '@slack/bolt';
import type { Logger } from './logger.js';

/** Slack's own rule for replays, applied both ways. */
const MAX_SKEW_SECONDS = 5 * 60;

interface Refusal {
  status: 400 | 401;
  reason: string;
}

const PAYLOAD_FIELD = /(?:^|&)payload=/;

/** Why this request must not reach Bolt, or null. */
function refuseRequest(headers: IncomingMessage['headers'], body: string, nowMs: number): Refusal | null {
  const timestamp = Number(headers['x-slack-request-timestamp']);
  if (Number.isFinite(timestamp) && timestamp > Math.floor(nowMs / 1000) + MAX_SKEW_SECONDS) {
    return { status: 401, reason: 'its timestamp is more than 5 minutes in the future' };
  }
  // Slash commands carry no payload field: every one of them is spared a parse.
  if (headers['content-type'] !== 'application/x-www-form-urlencoded' || !PAYLOAD_FIELD.test(body)) return null;
  const payload = parse(body).payload;
  if (payload === undefined) return null;
  if (typeof payload !== 'string') return { status: 400, reason: 'it has more than one payload' };
  try {
    const parsed: unknown = JSON.parse(payload);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? null : { status: 400, reason: 'its payload is not a JSON object' };
  } catch {
    return { status: 400, reason: 'its payload is not JSON' };
  }
}

/** Puts refuseRequest in front of the receiver's own handling of every POST. */
export function guardRequests(receiver: HTTPReceiver, logger: Logger, now: () => number = Date.now): void {
  const inner: RequestListener = receiver.requestListener;
  receiver.requestListener = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return inner(req, res);
    let raw: string;
    try {
      raw = (await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit)).rawBody.toString();
    } catch (error) {
      HTTPModuleFunctions.buildNoBodyResponse(res, isRawBodyError(error) ? 413 : 400);
      return;
    }
    const refusal = refuseRequest(req.headers, raw, now());
    if (!refusal) return inner(req, res);
    logger.warn(`refused a request to ${req.url}: ${refusal.reason}`);
    HTTPModuleFunctions.buildNoBodyResponse(res, refusal.status);
  };
}
