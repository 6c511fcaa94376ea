import { describe, expect, it } from 'vitest';
import { isEventRole, roleInSentence, strongerRole } from '../../src/domain/roles.js';

describe('roles', () => {
  it('knows the event roles and nothing else', () => {
    expect(isEventRole('sko_lead')).toBe(true);
    expect(isEventRole('sales_leader')).toBe(true);
    expect(isEventRole('admin')).toBe(false);
  });

  it('reads a role mid-sentence, keeping the SKO acronym', () => {
    expect(roleInSentence('content_lead')).toBe('content lead');
    expect(roleInSentence('sko_lead')).toBe('SKO lead');
    expect(roleInSentence('sales_leader')).toBe('sales leader');
  });

  it('keeps the more privileged of two people roles, either way round', () => {
    expect(strongerRole('rep', 'admin')).toBe('admin');
    expect(strongerRole('admin', 'rep')).toBe('admin');
    expect(strongerRole('guest', 'rep')).toBe('rep');
    expect(strongerRole('manager', 'leader')).toBe('leader');
    expect(strongerRole('leader', 'manager')).toBe('leader');
    expect(strongerRole('manager', 'manager')).toBe('manager');
  });
});
