import type { Id } from '../api/types';
import { listUrl, type Requester } from '../admin/adminApi';
import type { ListQuery, Page } from '../admin/adminTypes';

/** A tenant as /api/system/tenants shows it. */
export interface SystemTenant {
  id: Id;
  domain: string;
  name: string;
  status: 'active' | 'suspended';
  createdAt: string;
}

export interface NewTenantValues {
  domain: string;
  name: string;
  adminUsername: string;
  adminDisplayName: string;
  adminPassword: string;
}

export const EMPTY_TENANT: NewTenantValues = {
  domain: '',
  name: '',
  adminUsername: '',
  adminDisplayName: '',
  adminPassword: '',
};

const DOMAIN = /^[a-z0-9]{1,32}$/;
const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** Problems per field before asking the server (the server checks the same and more). */
export function tenantProblems(v: NewTenantValues): Partial<Record<keyof NewTenantValues, string>> {
  const e: Partial<Record<keyof NewTenantValues, string>> = {};
  if (!DOMAIN.test(v.domain.trim())) e.domain = 'Use 1 to 32 lower-case letters or digits.';
  else if (v.domain.trim() === 'system') e.domain = 'The domain system is reserved.';
  if (!v.name.trim()) e.name = 'Enter the organisation’s name.';
  else if (v.name.trim().length > 200) e.name = 'At most 200 characters.';
  if (!USERNAME.test(v.adminUsername.trim())) e.adminUsername = 'Use 1 to 64 letters, digits or . _ @ -';
  if (v.adminPassword.length < 10) e.adminPassword = 'At least 10 characters.';
  else if (v.adminPassword.length > 256) e.adminPassword = 'At most 256 characters.';
  return e;
}

/** The POST body; the display name defaults to the username. */
export function tenantBody(v: NewTenantValues) {
  const username = v.adminUsername.trim();
  return {
    domain: v.domain.trim(),
    name: v.name.trim(),
    admin: { username, displayName: v.adminDisplayName.trim() || username, password: v.adminPassword },
  };
}

/** Which form field a server code is about. */
export const TENANT_CODE_FIELD: Record<string, keyof NewTenantValues> = {
  'invalid-domain': 'domain',
  'domain-reserved': 'domain',
  'domain-taken': 'domain',
  'invalid-username': 'adminUsername',
  'password-too-short': 'adminPassword',
  'password-too-long': 'adminPassword',
};

export function systemApi(request: Requester) {
  const one = (id: Id) => `/api/system/tenants/${encodeURIComponent(String(id))}`;
  return {
    list: (query?: ListQuery) => request<Page<SystemTenant>>('GET', listUrl('/api/system/tenants', query)),
    create: (v: NewTenantValues) => request<SystemTenant>('POST', '/api/system/tenants', tenantBody(v)),
    suspend: (id: Id) => request<SystemTenant>('POST', `${one(id)}/suspend`),
    resume: (id: Id) => request<SystemTenant>('POST', `${one(id)}/resume`),
    remove: async (id: Id) => {
      await request<void>('DELETE', one(id));
    },
  };
}

export type SystemApi = ReturnType<typeof systemApi>;
