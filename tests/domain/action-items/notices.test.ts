import { describe, expect, it } from 'vitest';
import { actionItemState } from '../../../src/domain/action-items/notices.js';

describe('how an action item reads at a glance', () => {
  const open = { status: 'open', due: '2026-03-10', snoozedUntil: null } as const;

  it('is done once done, even when it was overdue or snoozed', () => {
    expect(actionItemState({ status: 'done', due: '2026-01-01', snoozedUntil: '2026-12-31' }, '2026-03-11')).toBe('done');
  });

  it('is open on its due day and overdue from the day after', () => {
    expect(actionItemState(open, '2026-03-09')).toBe('open');
    expect(actionItemState(open, '2026-03-10')).toBe('open');
    expect(actionItemState(open, '2026-03-11')).toBe('overdue');
  });

  it('is never overdue without a due date', () => {
    expect(actionItemState({ ...open, due: null }, '2030-01-01')).toBe('open');
  });

  it('is snoozed until the snooze date, and back to overdue on it', () => {
    const snoozed = { ...open, snoozedUntil: '2026-03-15' };
    expect(actionItemState(snoozed, '2026-03-14')).toBe('snoozed');
    expect(actionItemState(snoozed, '2026-03-15')).toBe('overdue');
  });
});
