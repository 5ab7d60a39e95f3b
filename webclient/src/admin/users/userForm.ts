import type { Id, Role } from '../../api/types';
import type { FieldMessages } from '../adminErrors';
import type { AdminUser, AfterCallWork, AgentFields, UserFields, WorkingWay } from '../adminTypes';
import { checkRange, sameSet, samePairs, wholeNumber } from '../formValues';

export const MIN_PASSWORD = 10;
export const MAX_PENALTY = 100;
export const MAX_WRAPUP_SECONDS = 3600;

/** A membership row of the form: the penalty is the text of its input. */
export interface GroupRow {
  id: Id;
  penalty: string;
}

export interface AgentValues {
  number: string;
  extension: string;
  wrapupSeconds: string;
  afterCallWork: AfterCallWork;
  workingWay: WorkingWay;
  staticMember: boolean;
  groups: GroupRow[];
}

/** What the user form holds (texts as typed). The password is never filled from the server. */
export interface UserValues {
  username: string;
  displayName: string;
  role: Role;
  enabled: boolean;
  password: string;
  /** Ask the user to choose their own password at the next sign-in. */
  passwordChangeRequired: boolean;
  agent: AgentValues;
  supervises: Id[];
}

export const NEW_AGENT: AgentValues = {
  number: '',
  extension: '',
  wrapupSeconds: '0',
  afterCallWork: 'after_answer',
  workingWay: 'inbound',
  staticMember: false,
  groups: [],
};

export function emptyUser(): UserValues {
  return {
    username: '',
    displayName: '',
    role: 'agent',
    enabled: true,
    password: '',
    passwordChangeRequired: false,
    agent: { ...NEW_AGENT, groups: [] },
    supervises: [],
  };
}

export function userValues(u: AdminUser): UserValues {
  const a = u.agent;
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    enabled: u.enabled,
    password: '',
    passwordChangeRequired: u.passwordChangeRequired ?? false,
    agent: a
      ? {
          number: a.number,
          extension: a.extension,
          wrapupSeconds: String(a.wrapupSeconds),
          afterCallWork: a.afterCallWork,
          workingWay: a.workingWay,
          staticMember: a.staticMember,
          groups: a.groups.map((g) => ({ id: g.id, penalty: String(g.penalty) })),
        }
      : { ...NEW_AGENT, groups: [] },
    supervises: [...u.supervises],
  };
}

/** The fields the user form shows (a server error on any other field is shown as a sentence). */
export function userFormFields(v: UserValues): Set<string> {
  const f = ['username', 'displayName', 'role', 'enabled', 'password', 'passwordChangeRequired', 'supervises'];
  if (v.role === 'agent') {
    f.push(
      'agent',
      'agent.number',
      'agent.extension',
      'agent.wrapupSeconds',
      'agent.afterCallWork',
      'agent.workingWay',
    );
    f.push('agent.staticMember', 'agent.groups');
    v.agent.groups.forEach((_, i) => f.push(`agent.groups[${i}].penalty`));
  }
  return new Set(f);
}

/** The form's own checks, same rules as the server's, before anything is sent. */
export function validateUser(v: UserValues, creating: boolean): FieldMessages {
  const e: FieldMessages = {};
  if (!v.username.trim()) e.username = 'Enter a username.';
  else if (/\s/.test(v.username.trim())) e.username = 'A username has no spaces.';
  if (!v.displayName.trim()) e.displayName = 'Enter a display name.';
  if (creating && v.password === '') e.password = `Enter a password of at least ${MIN_PASSWORD} characters.`;
  else if (v.password !== '' && v.password.length < MIN_PASSWORD)
    e.password = `A password has at least ${MIN_PASSWORD} characters.`;
  if (v.role === 'agent') {
    const a = v.agent;
    if (!a.number.trim()) e['agent.number'] = 'Enter the agent number.';
    if (!/^\d{2,8}$/.test(a.extension.trim())) e['agent.extension'] = 'An extension is a number of 2 to 8 digits.';
    checkRange(e, 'agent.wrapupSeconds', a.wrapupSeconds, 0, MAX_WRAPUP_SECONDS, 'Wrap-up time');
    a.groups.forEach((g, i) => checkRange(e, `agent.groups[${i}].penalty`, g.penalty, 0, MAX_PENALTY, 'A penalty'));
  }
  return e;
}

function agentFields(a: AgentValues): AgentFields {
  return {
    number: a.number.trim(),
    extension: a.extension.trim(),
    wrapupSeconds: wholeNumber(a.wrapupSeconds) ?? 0,
    afterCallWork: a.afterCallWork,
    workingWay: a.workingWay,
    staticMember: a.staticMember,
    groups: a.groups.map((g) => ({ id: g.id, penalty: wholeNumber(g.penalty) ?? 0 })),
  };
}

/** Supervised groups mean something for supervisors and admins only. */
const supervisesGroups = (role: Role) => role !== 'agent';

/** The POST body: the agent part iff the role is agent. Call after `validateUser` found nothing. */
export function createBody(v: UserValues): UserFields {
  const body: UserFields = {
    username: v.username.trim(),
    displayName: v.displayName.trim(),
    role: v.role,
    enabled: v.enabled,
    password: v.password,
    agent: v.role === 'agent' ? agentFields(v.agent) : null,
  };
  if (supervisesGroups(v.role)) body.supervises = [...v.supervises];
  if (v.passwordChangeRequired) body.passwordChangeRequired = true;
  return body;
}

function sameAgent(a: AgentFields, b: AgentFields): boolean {
  return (
    a.number === b.number &&
    a.extension === b.extension &&
    a.wrapupSeconds === b.wrapupSeconds &&
    a.afterCallWork === b.afterCallWork &&
    a.workingWay === b.workingWay &&
    a.staticMember === b.staticMember &&
    samePairs(
      a.groups.map((g) => [g.id, g.penalty]),
      b.groups.map((g) => [g.id, g.penalty]),
    )
  );
}

/**
 * The PATCH body: only what differs from the user as loaded. The agent part goes whole when any of it
 * changed (so a merge or a replace on the server gives the same result); `agent: null` when the user
 * stops being an agent. An empty password keeps the password.
 */
export function patchBody(original: AdminUser, v: UserValues): UserFields {
  const p: UserFields = {};
  if (v.username.trim() !== original.username) p.username = v.username.trim();
  if (v.displayName.trim() !== original.displayName) p.displayName = v.displayName.trim();
  if (v.role !== original.role) p.role = v.role;
  if (v.enabled !== original.enabled) p.enabled = v.enabled;
  if (v.password !== '') p.password = v.password;
  if (v.passwordChangeRequired !== (original.passwordChangeRequired ?? false))
    p.passwordChangeRequired = v.passwordChangeRequired;
  if (v.role === 'agent') {
    const next = agentFields(v.agent);
    if (!original.agent) p.agent = next;
    else {
      const { id: _id, ...before } = original.agent;
      if (!sameAgent(before, next)) p.agent = next;
    }
  } else if (original.agent) {
    p.agent = null;
  }
  if (supervisesGroups(v.role) && !sameSet(v.supervises, original.supervises)) p.supervises = [...v.supervises];
  return p;
}
