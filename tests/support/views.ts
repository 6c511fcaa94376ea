import { expect } from 'vitest';
import type { StoredView } from './fake-slack/types.js';
import { eventually, type TestApp } from './test-app.js';

/** The modal the app opened after `before` views.open calls, as Slack stores it; fails if Slack refused it. */
export async function openedView(t: TestApp, before: number): Promise<StoredView> {
  const calls = await eventually(() => t.fake.callsTo('views.open').length > before && t.fake.callsTo('views.open'));
  const call = calls[calls.length - 1];
  expect(call?.response.ok).toBe(true);
  return t.fake.view((call!.response.view as { id: string }).id) as StoredView;
}
