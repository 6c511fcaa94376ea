import type { CustomRoute } from '@slack/bolt';
import type { Readiness } from './slack-check.js';

/**
 * /healthz says the process is alive (a supervisor restarts it when this stops answering);
 * /readyz says whether Slack accepted the tokens, so a load balancer waits for it.
 */
export function healthRoutes(readiness: Readiness): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
      },
    },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(readiness.identity ? 200 : 503, { 'content-type': 'text/plain' });
        res.end(readiness.identity ? 'ready' : `not ready: ${readiness.waitingFor}`);
      },
    },
  ];
}
