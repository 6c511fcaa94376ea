import type { FakeSlack } from './fake-slack/server.js';

/**
 * Words no Slack surface may carry (issue 15): the playbook's seed numbers, server commands and
 * the agents' code names are the developers' words, not the users'.
 */
const FORBIDDEN: readonly RegExp[] = [
  /seed 0/i,
  /npm run/i,
  /sko import/i,
  /quota-performance-tracker|revenue-forecaster|sales-pipeline-analyst|territory-planning-advisor|commission-calculations|sales-ops-automator/i,
];

/** The lines of a rendered text (the simulation's messages) that carry the developers' words. */
export function developersWordsInText(text: string): string[] {
  return text.split('\n').filter((line) => FORBIDDEN.some((re) => re.test(line)));
}

/** Every text a Slack surface showed, however deeply a block holds it. */
function textsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const v of value) textsIn(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) textsIn(v, into);
  return into;
}

/** Each message, ephemeral, response_url reply, modal, Home view and file comment the fake recorded, with what in it is forbidden. */
export function developersWordsIn(fake: FakeSlack): string[] {
  const surfaces: [string, unknown][] = [
    ...fake.allMessages().map((m) => [`message in ${m.channel}`, { text: m.text, blocks: m.blocks, attachments: m.attachments }] as [string, unknown]),
    ...fake.ephemerals().map((m) => [`ephemeral to ${m.user}`, { text: m.text, blocks: m.blocks }] as [string, unknown]),
    ...fake.responses.map((r) => ['response_url reply', { text: r.body.text, blocks: r.body.blocks }] as [string, unknown]),
    ...fake.views().map((v) => [`${v.type} view ${v.callback_id}`, { title: v.title, blocks: v.blocks }] as [string, unknown]),
    ...fake.uploads().map((u) => [`file ${u.filename}`, u.initialComment] as [string, unknown]),
  ];
  const found: string[] = [];
  for (const [where, content] of surfaces) {
    for (const text of textsIn(content)) {
      const hit = FORBIDDEN.find((re) => re.test(text));
      if (hit) found.push(`${where}: "${text.slice(0, 160)}" (${hit.source.slice(0, 30)})`);
    }
  }
  return found;
}
