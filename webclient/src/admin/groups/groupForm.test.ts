import { describe, expect, it } from 'vitest';
import type { AdminGroup } from '../adminTypes';
import { createGroupBody, emptyGroup, groupValues, patchGroupBody, validateGroup } from './groupForm';

const support: AdminGroup = {
  id: 1,
  name: 'Support',
  queueName: 'acme-support',
  strategy: 'ringall',
  ringTimeoutSeconds: 20,
  serviceLevelSeconds: 30,
  alwaysRecord: false,
  members: [
    { agentId: 70, penalty: 0 },
    { agentId: 71, penalty: 3 },
  ],
  supervisors: [5, 6],
};

describe('group form', () => {
  it('checks name and the contract ranges', () => {
    expect(validateGroup({ ...emptyGroup(), ringTimeoutSeconds: '4', serviceLevelSeconds: '3601' })).toEqual({
      name: 'Enter a name.',
      ringTimeoutSeconds: 'Ring timeout must be a whole number from 5 to 300.',
      serviceLevelSeconds: 'Service level must be a whole number from 1 to 3600.',
    });
    const v = groupValues(support);
    expect(validateGroup(v)).toEqual({});
    v.members[1]!.penalty = '-1';
    expect(validateGroup(v)).toEqual({ 'members[1].penalty': 'A penalty must be a whole number from 0 to 100.' });
  });

  it('creates with numbers and never sends the read-only queue name', () => {
    const body = createGroupBody({ ...emptyGroup(), name: ' Sales ', members: [{ agentId: 70, penalty: '1' }] });
    expect(body).toEqual({
      name: 'Sales',
      strategy: 'ringall',
      ringTimeoutSeconds: 20,
      serviceLevelSeconds: 20,
      alwaysRecord: false,
      members: [{ agentId: 70, penalty: 1 }],
      supervisors: [],
    });
  });

  it('patches only what changed; order of members and supervisors does not count', () => {
    const v = groupValues(support);
    v.members.reverse();
    v.supervisors.reverse();
    expect(patchGroupBody(support, v)).toEqual({});
    v.strategy = 'leastrecent';
    v.members = v.members.filter((m) => m.agentId !== 71);
    expect(patchGroupBody(support, v)).toEqual({ strategy: 'leastrecent', members: [{ agentId: 70, penalty: 0 }] });
  });
});
