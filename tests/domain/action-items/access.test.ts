import { describe, expect, it } from 'vitest';
import { type Actor, decideChangeActionItem, decideSeeActionItem } from '../../../src/domain/access.js';

// Person 10 owns the item and person 20 created it.
const item = { ownerPersonId: 10, creatorPersonId: 20 };
const actor = (personId: number, role: Actor['role'], eventRoles: Actor['eventRoles'] = []): Actor => ({ personId, role, eventRoles });
const REFUSAL =
  'Only its owner, the person who created it, the SKO lead, an admin or a sales leader can change this action item. Ask one of them to make the change.';

describe('decideChangeActionItem', () => {
  it.each([
    ['the owner, a rep', actor(10, 'rep')],
    ['the owner, a guest', actor(10, 'guest')],
    ['the creator, a manager', actor(20, 'manager')],
    ['the SKO lead, whatever their people role', actor(30, 'rep', ['sko_lead'])],
    ['an admin', actor(31, 'admin')],
    ['a leader', actor(32, 'leader')],
  ])('lets %s change it', (_who, who) => {
    expect(decideChangeActionItem(who, item)).toEqual({ allowed: true });
  });

  it.each([
    ['another rep', actor(40, 'rep')],
    ['a manager who neither owns nor created it', actor(41, 'manager')],
    ['another event lead', actor(42, 'rep', ['content_lead', 'logistics_lead'])],
    ['a guest', actor(43, 'guest')],
  ])('refuses %s and says who may', (_who, who) => {
    expect(decideChangeActionItem(who, item)).toEqual({ allowed: false, reason: REFUSAL });
  });

  it('names the owner when the caller knows them', () => {
    expect(decideChangeActionItem(actor(40, 'rep'), { ...item, ownerMention: '<@U0OWNER>' })).toEqual({
      allowed: false,
      reason:
        'Only its owner (<@U0OWNER>), the person who created it, the SKO lead, an admin or a sales leader can change this action item. Ask one of them to make the change.',
    });
  });
});

describe('decideSeeActionItem', () => {
  const SEE_REFUSAL = 'You can see your own action items, the ones you created, and those of people who report to you.';

  it.each([
    ['the owner', actor(10, 'rep'), false],
    ['the creator', actor(20, 'rep'), false],
    ["the owner's manager, directly or higher up", actor(50, 'manager'), true],
    ['the SKO lead', actor(30, 'rep', ['sko_lead']), false],
    ['an admin', actor(31, 'admin'), false],
    ['a leader', actor(32, 'leader'), false],
  ])('lets %s see it', (_who, who, managesOwner) => {
    expect(decideSeeActionItem(who, item, { managesOwner })).toEqual({ allowed: true });
  });

  it.each([
    ['another rep', actor(40, 'rep')],
    ['a manager of someone else', actor(41, 'manager')],
    ['another event lead', actor(42, 'rep', ['content_lead'])],
  ])('hides it from %s', (_who, who) => {
    expect(decideSeeActionItem(who, item, { managesOwner: false })).toEqual({ allowed: false, reason: SEE_REFUSAL });
  });
});
