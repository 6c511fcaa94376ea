import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/access.js';
import { decideApproveContent, decideSubmitContent } from '../../src/domain/access-content.js';

const actor = (role: Actor['role'], eventRoles: Actor['eventRoles'] = []): Actor => ({ personId: 1, role, eventRoles });

describe('who puts session content up for approval, and who approves it', () => {
  it.each([
    ['the content lead', actor('rep', ['content_lead']), true, false],
    ['the SKO lead', actor('rep', ['sko_lead']), true, true],
    ['an admin', actor('admin'), true, true],
    ["the SKO's sales leader", actor('rep', ['sales_leader']), false, true],
    ['a company leader', actor('leader'), false, true],
    ['a manager', actor('manager'), false, false],
    ['the logistics lead', actor('rep', ['logistics_lead']), false, false],
    ['a rep', actor('rep'), false, false],
  ])('%s: submit %s, approve %s', (_who, who, submits, approves) => {
    expect(decideSubmitContent(who).allowed).toBe(submits);
    expect(decideApproveContent(who).allowed).toBe(approves);
  });

  it('tells someone unknown who may', () => {
    expect(decideSubmitContent(null)).toEqual({
      allowed: false,
      reason: 'Only the content lead, the SKO lead or an admin can put session content up for approval. Send them the link.',
    });
  });
});
