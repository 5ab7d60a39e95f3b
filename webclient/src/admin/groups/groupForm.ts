import type { Id } from '../../api/types';
import type { FieldMessages } from '../adminErrors';
import type { AdminGroup, GroupFields, Strategy } from '../adminTypes';
import { checkRange, sameSet, samePairs, wholeNumber } from '../formValues';

export const STRATEGY_TEXT: Record<Strategy, string> = {
  ringall: 'Ring all',
  leastrecent: 'Least recent',
  fewestcalls: 'Fewest calls',
  random: 'Random',
  rrmemory: 'Round robin (memory)',
  linear: 'Linear',
  wrandom: 'Weighted random',
};

export interface MemberRow {
  agentId: Id;
  penalty: string;
}

export interface GroupValues {
  name: string;
  strategy: Strategy;
  ringTimeoutSeconds: string;
  serviceLevelSeconds: string;
  alwaysRecord: boolean;
  members: MemberRow[];
  supervisors: Id[];
}

export function emptyGroup(): GroupValues {
  return {
    name: '',
    strategy: 'ringall',
    ringTimeoutSeconds: '20',
    serviceLevelSeconds: '20',
    alwaysRecord: false,
    members: [],
    supervisors: [],
  };
}

export function groupValues(g: AdminGroup): GroupValues {
  return {
    name: g.name,
    strategy: g.strategy,
    ringTimeoutSeconds: String(g.ringTimeoutSeconds),
    serviceLevelSeconds: String(g.serviceLevelSeconds),
    alwaysRecord: g.alwaysRecord,
    members: g.members.map((m) => ({ agentId: m.agentId, penalty: String(m.penalty) })),
    supervisors: [...g.supervisors],
  };
}

export function groupFormFields(v: GroupValues): Set<string> {
  const f = ['name', 'strategy', 'ringTimeoutSeconds', 'serviceLevelSeconds', 'alwaysRecord', 'members', 'supervisors'];
  v.members.forEach((_, i) => f.push(`members[${i}].penalty`));
  return new Set(f);
}

export function validateGroup(v: GroupValues): FieldMessages {
  const e: FieldMessages = {};
  if (!v.name.trim()) e.name = 'Enter a name.';
  else if (v.name.trim().length > 100) e.name = 'A name has at most 100 characters.';
  checkRange(e, 'ringTimeoutSeconds', v.ringTimeoutSeconds, 5, 300, 'Ring timeout');
  checkRange(e, 'serviceLevelSeconds', v.serviceLevelSeconds, 1, 3600, 'Service level');
  v.members.forEach((m, i) => checkRange(e, `members[${i}].penalty`, m.penalty, 0, 100, 'A penalty'));
  return e;
}

function fields(v: GroupValues): Required<GroupFields> {
  return {
    name: v.name.trim(),
    strategy: v.strategy,
    ringTimeoutSeconds: wholeNumber(v.ringTimeoutSeconds) ?? 0,
    serviceLevelSeconds: wholeNumber(v.serviceLevelSeconds) ?? 0,
    alwaysRecord: v.alwaysRecord,
    members: v.members.map((m) => ({ agentId: m.agentId, penalty: wholeNumber(m.penalty) ?? 0 })),
    supervisors: [...v.supervisors],
  };
}

export const createGroupBody = (v: GroupValues): GroupFields => fields(v);

/** Only the fields that differ from the group as loaded; members and supervisors go whole when changed. */
export function patchGroupBody(original: AdminGroup, v: GroupValues): GroupFields {
  const next = fields(v);
  const p: GroupFields = {};
  if (next.name !== original.name) p.name = next.name;
  if (next.strategy !== original.strategy) p.strategy = next.strategy;
  if (next.ringTimeoutSeconds !== original.ringTimeoutSeconds) p.ringTimeoutSeconds = next.ringTimeoutSeconds;
  if (next.serviceLevelSeconds !== original.serviceLevelSeconds) p.serviceLevelSeconds = next.serviceLevelSeconds;
  if (next.alwaysRecord !== original.alwaysRecord) p.alwaysRecord = next.alwaysRecord;
  const pairs = (ms: { agentId: Id; penalty: number }[]) => ms.map((m): [Id, number] => [m.agentId, m.penalty]);
  if (!samePairs(pairs(next.members), pairs(original.members))) p.members = next.members;
  if (!sameSet(next.supervisors, original.supervisors)) p.supervisors = next.supervisors;
  return p;
}
