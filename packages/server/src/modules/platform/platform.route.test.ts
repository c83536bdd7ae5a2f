import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, TEST_PASSWORD } from '../../testing/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const anonymous = () => clientFor(t.app, {});

describe('first-run setup', () => {
  it('creates the first organization and owner once, then refuses', async () => {
    expect((await anonymous().get('/api/setup')).body).toEqual({ needsSetup: true });
    const input = {
      organization: { name: '绿色江河', slug: 'green-river', uscc: '53100000500021676K' },
      user: { name: '王芳', email: 'Wang@Example.org', password: 'long-enough-pw' },
    };
    const created = await anonymous().post('/api/setup', input);
    expect(created.status).toBe(201);
    expect(created.body.user.email).toBe('wang@example.org');
    expect(created.body.memberships[0].role).toBe('owner');
    const again = await anonymous().post('/api/setup', input);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SETUP_ALREADY_DONE');
  });

  it('answers invalid input with field paths', async () => {
    const response = await anonymous().post('/api/setup', { organization: { name: 'x', slug: 'Bad Slug' }, user: {} });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    const paths = response.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.organization.slug', 'body.user.email']));
  });
});

describe('sign-in', () => {
  it('sets an httpOnly SameSite cookie and returns a CSRF token', async () => {
    const { ownerEmail } = await buildOrg(t);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: ownerEmail, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/cw_session=cws_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(response.json().csrfToken).toBeTruthy();
  });

  it('rejects a wrong password with a stable code', async () => {
    const { ownerEmail } = await buildOrg(t);
    const response = await anonymous().post('/api/session', { email: ownerEmail, password: 'wrong-password' });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('rate-limits repeated attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await anonymous().post('/api/session', { email: 'brute-force@example.org', password: 'x' })).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('refuses a state change without the CSRF header', async () => {
    const { slug, owner } = await buildOrg(t);
    const session = await owner.get('/api/session');
    expect(session.status).toBe(200);
    const cookieOnly = await t.app.inject({
      method: 'PATCH',
      url: `/api/orgs/${slug}`,
      headers: { cookie: (await cookieOf(owner)) ?? '' },
      payload: { name: 'hijacked' },
    });
    expect(cookieOnly.statusCode).toBe(403);
    expect(cookieOnly.json().error.code).toBe('CSRF_FAILED');
  });
});

// The test client keeps its cookie private; a sign-in gives us a raw one.
async function cookieOf(_client: unknown) {
  const { ownerEmail } = await buildOrg(t);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: ownerEmail, password: TEST_PASSWORD },
  });
  return String(response.headers['set-cookie']).split(';')[0];
}

describe('roles', () => {
  it('lets a viewer read but not change the organization', async () => {
    const { slug, member } = await buildOrg(t);
    const viewer = await member('viewer');
    expect((await viewer.get(`/api/orgs/${slug}`)).status).toBe(200);
    const change = await viewer.patch(`/api/orgs/${slug}`, { name: '新名字' });
    expect(change.status).toBe(403);
    expect(change.body.error.code).toBe('FORBIDDEN');
  });

  it('hides other organizations behind 404', async () => {
    const a = await buildOrg(t);
    const b = await buildOrg(t);
    expect((await a.owner.get(`/api/orgs/${b.slug}`)).status).toBe(404);
    expect((await a.owner.get(`/api/orgs/${b.slug}/members`)).status).toBe(404);
  });

  it('keeps at least one owner', async () => {
    const { slug, owner } = await buildOrg(t);
    const me = (await owner.get('/api/session')).body.user.id;
    const response = await owner.patch(`/api/orgs/${slug}/members/${me}`, { role: 'viewer' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('LAST_OWNER');
  });
});

describe('invitations', () => {
  it('invites staff by link, once', async () => {
    const { slug, owner } = await buildOrg(t);
    const created = await owner.post(`/api/orgs/${slug}/invitations`, {
      email: 'new.staff@example.org',
      role: 'fundraiser',
    });
    expect(created.status).toBe(201);
    const token = created.body.url.split('/').at(-1);
    expect((await anonymous().get(`/api/invitations/${token}`)).body).toMatchObject({ role: 'fundraiser' });
    const accepted = await anonymous().post(`/api/invitations/${token}/accept`, {
      name: '李雷',
      password: 'a-good-password',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.memberships.map((m: { org: { slug: string } }) => m.org.slug)).toContain(slug);
    const reused = await anonymous().post(`/api/invitations/${token}/accept`, {
      name: '李雷',
      password: 'a-good-password',
    });
    expect(reused.status).toBe(410);
    const members = (await owner.get(`/api/orgs/${slug}/members`)).body;
    expect(members.map((m: { email: string }) => m.email)).toContain('new.staff@example.org');
  });

  it('does not let an admin invite an owner', async () => {
    const { slug, member } = await buildOrg(t);
    const admin = await member('admin');
    const response = await admin.post(`/api/orgs/${slug}/invitations`, { email: 'x@example.org', role: 'owner' });
    expect(response.status).toBe(403);
  });
});

describe('API tokens', () => {
  it('stores tokens hashed, authenticates with them, and stops after revocation', async () => {
    const { slug, owner } = await buildOrg(t);
    const created = await owner.post(`/api/orgs/${slug}/tokens`, { name: 'CRM sync', role: 'viewer' });
    expect(created.status).toBe(201);
    const api = clientFor(t.app, { token: created.body.token });
    expect((await api.get(`/api/orgs/${slug}`)).status).toBe(200);
    expect((await api.patch(`/api/orgs/${slug}`, { name: 'x y' })).status).toBe(403);
    const list = (await owner.get(`/api/orgs/${slug}/tokens`)).body;
    expect(list[0].token).toBeUndefined();
    expect((await owner.delete(`/api/orgs/${slug}/tokens/${created.body.id}`)).status).toBe(200);
    expect((await api.get(`/api/orgs/${slug}`)).status).toBe(401);
  });
});

describe('audit log', () => {
  it('records changes with who and what', async () => {
    const { slug, owner, ownerEmail } = await buildOrg(t);
    await owner.patch(`/api/orgs/${slug}`, { timezone: 'Asia/Urumqi', locale: 'en' });
    // Renaming leaves what it does not name as it was.
    const renamed = await owner.patch(`/api/orgs/${slug}`, { name: '新的名字' });
    expect(renamed.body).toMatchObject({ name: '新的名字', timezone: 'Asia/Urumqi', locale: 'en' });
    const audit = (await owner.get(`/api/orgs/${slug}/audit`)).body;
    expect(audit.items[0]).toMatchObject({ action: 'org.update', actor: ownerEmail });
    expect(audit.items[0].data.name.after).toBe('新的名字');
  });
});

describe('service endpoints', () => {
  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    expect((await anonymous().get('/healthz')).status).toBe(200);
    expect((await anonymous().get('/readyz')).body).toEqual({ status: 'ready' });
    expect((await anonymous().get('/metrics')).body).toContain('http_requests_total');
    const openapi = (await anonymous().get('/api/openapi.json')).body;
    expect(openapi.openapi).toBe('3.1.0');
    expect(openapi.paths['/api/orgs/{org}/members']).toBeDefined();
    expect((await anonymous().get('/api/nope')).body.error.code).toBe('NOT_FOUND');
  });
});
