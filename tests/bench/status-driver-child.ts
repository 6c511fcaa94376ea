/**
 * The status bench's load: signed `/sko status` slash commands sent from their own process, so
 * signing requests and reading answers costs the app under test nothing, and the bare app and SKO
 * Conductor are driven exactly alike. Reads one JSON line per round on stdin
 * (`{ url, count, concurrency }`) and answers each with a line of round-trip times in ms (3,000
 * for a request not answered with a 200: Slack would have given up on it).
 */
import { createHmac } from 'node:crypto';
import { createInterface } from 'node:readline';

interface Round {
  url: string;
  count: number;
  concurrency: number;
}

const [secret, userId, responseUrl] = process.argv.slice(2);
if (!secret || !userId || !responseUrl) throw new Error('usage: status-driver-child.ts <signing secret> <user id> <response url>');

let sent = 0;
const SLACK_GIVES_UP_MS = 3_000;

async function one(url: string): Promise<number> {
  sent += 1;
  const body = new URLSearchParams({
    token: 'verification-token-unused',
    team_id: 'T0BENCH',
    team_domain: 'bench',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: userId as string,
    user_name: 'rep',
    command: '/sko',
    text: 'status',
    api_app_id: 'A0BENCH',
    is_enterprise_install: 'false',
    response_url: responseUrl as string,
    trigger_id: `${sent}.${Date.now()}.bench`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret as string)
    .update(`v0:${ts}:${body}`)
    .digest('hex')}`;
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
    body,
  });
  await res.arrayBuffer();
  // Slack shows an error for anything but a 200 within 3 s: a refused answer counts as Slack's whole wait.
  return res.status === 200 ? performance.now() - started : SLACK_GIVES_UP_MS;
}

async function round({ url, count, concurrency }: Round): Promise<number[]> {
  const each = await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const samples: number[] = [];
      for (let i = 0; i < Math.ceil(count / concurrency); i += 1) samples.push(await one(url));
      return samples;
    }),
  );
  return each.flat();
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  process.stdout.write(`${JSON.stringify(await round(JSON.parse(line) as Round))}\n`);
}
