import { describe, expect, it } from 'vitest';
import { EMPTY_TENANT, systemApi, tenantBody, tenantProblems } from './systemApi';

describe('system tenants', () => {
  it('checks the new tenant and its first admin before sending', () => {
    expect(Object.keys(tenantProblems(EMPTY_TENANT)).sort()).toEqual([
      'adminPassword',
      'adminUsername',
      'domain',
      'name',
    ]);
    const ok = {
      domain: 'globex',
      name: 'Globex',
      adminUsername: 'hank',
      adminDisplayName: '',
      adminPassword: 'long-enough-1',
    };
    expect(tenantProblems(ok)).toEqual({});
    expect(tenantProblems({ ...ok, domain: 'system' }).domain).toMatch(/reserved/);
    expect(tenantProblems({ ...ok, domain: 'Glo-bex' }).domain).toBeDefined();
    expect(tenantBody(ok)).toEqual({
      domain: 'globex',
      name: 'Globex',
      admin: { username: 'hank', displayName: 'hank', password: 'long-enough-1' },
    });
  });

  it('calls the system routes', async () => {
    const calls: string[] = [];
    const api = systemApi(async <T>(method: string, url: string) => {
      calls.push(`${method} ${url}`);
      return undefined as T;
    });
    await api.list({ limit: 50 });
    await api.suspend(3);
    await api.resume(3);
    await api.remove(3);
    expect(calls).toEqual([
      'GET /api/system/tenants?limit=50',
      'POST /api/system/tenants/3/suspend',
      'POST /api/system/tenants/3/resume',
      'DELETE /api/system/tenants/3',
    ]);
  });
});
