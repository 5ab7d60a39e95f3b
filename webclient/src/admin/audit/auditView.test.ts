import { describe, expect, it } from 'vitest';
import { auditQuery, changes, NO_FILTERS, outcomeText, periodProblem, summary } from './auditView';
import type { AuditEntry } from './auditView';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  occurredAt: '2026-01-02T03:04:05Z',
  actor: { id: 5, username: 'sam', displayName: 'Sam' },
  kind: 'admin-change',
  entityType: 'queue',
  entityId: '7',
  action: 'update',
  detail: '',
  outcome: 'done',
  before: null,
  after: null,
  ...over,
});

describe('audit view', () => {
  it('sends only the filters that are set, the last day included whole', () => {
    expect(auditQuery(NO_FILTERS)).toEqual({
      kind: undefined,
      from: undefined,
      to: undefined,
      actor: undefined,
      entityType: undefined,
      entityId: undefined,
    });
    const q = auditQuery({
      kind: 'intervention',
      from: '2026-03-01',
      to: '2026-03-01',
      actor: { id: 9, name: 'x' },
      entity: { type: 'agent', id: '12' },
    });
    expect(q.kind).toBe('intervention');
    expect(q.actor).toBe('9');
    expect(q.entityType).toBe('agent');
    expect(q.entityId).toBe('12');
    expect(new Date(String(q.to)).getTime() - new Date(String(q.from)).getTime()).toBe(
      new Date(2026, 2, 2).getTime() - new Date(2026, 2, 1).getTime(),
    );
    expect(new Date(String(q.from)).getDate()).toBe(1);
  });

  it('ignores a malformed day and says when the period is backwards', () => {
    expect(auditQuery({ ...NO_FILTERS, from: '03/01/2026' }).from).toBeUndefined();
    expect(periodProblem({ ...NO_FILTERS, from: '2026-03-02', to: '2026-03-01' })).toMatch(/first day/);
    expect(periodProblem({ ...NO_FILTERS, from: '2026-03-01', to: '2026-03-01' })).toBeNull();
  });

  it('lists only the fields that changed, before → after', () => {
    expect(
      changes(
        entry({ before: { name: 'Support', ringTimeoutSeconds: 15 }, after: { name: 'Help', ringTimeoutSeconds: 15 } }),
      ),
    ).toEqual(['name: Support → Help']);
    expect(changes(entry({ after: { code: 'lunch', password: 'changed' } }))).toEqual([
      'code: lunch',
      'password: changed',
    ]);
    expect(changes(entry({ before: { code: 'x' } }))).toEqual(['code: x (deleted)']);
    expect(changes(entry({ before: { members: [1] }, after: { members: [1, 2] } }))).toEqual(['members: [1] → [1,2]']);
  });

  it('says what happened and how it ended', () => {
    expect(summary(entry({}))).toBe('update queue 7');
    expect(summary(entry({ entityType: 'tenant-settings', entityId: '' }))).toBe('update tenant-settings');
    expect(summary(entry({ action: 'state.not-ready', entityType: 'agent', entityId: '3', detail: 'lunch' }))).toBe(
      'state.not-ready agent 3 (lunch)',
    );
    expect(outcomeText('done')).toBe('Done');
    expect(outcomeText('refused:agent-on-call')).toBe('Refused (agent-on-call)');
    expect(outcomeText('failed')).toBe('Failed');
  });
});
