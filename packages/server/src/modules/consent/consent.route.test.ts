import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { consentFor } from './index.ts';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t);
});
afterAll(() => t.close());

const url = (path = '') => `/api/orgs/${org.slug}${path}`;
const newContact = async () => (await org.owner.post(url('/contacts'), { name: '订阅者' })).body.id as number;
const grant = (extra: Record<string, unknown> = {}) => ({
  channel: 'email',
  purpose: 'Newsletter',
  status: 'granted',
  source: 'form',
  evidence: { type: 'form_submission', ref: 'form-7/submission-42', text: '我愿意接收机构通讯' },
  ...extra,
});

describe('consent records', () => {
  it('appends grants and withdrawals and reports the current state', async () => {
    const id = await newContact();
    expect(await consentFor(t.deps.db, org.org.id, id, 'email', 'newsletter')).toMatchObject({
      status: 'none',
      granted: false,
    });
    const granted = await org.owner.post(
      url(`/contacts/${id}/consents`),
      grant({ recordedAt: '2024-01-01T00:00:00Z' }),
    );
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      channel: 'email',
      purpose: 'newsletter',
      status: 'granted',
      evidence: { type: 'form_submission' },
    });
    await org.owner.post(
      url(`/contacts/${id}/consents`),
      grant({ channel: 'sms', purpose: 'fundraising', source: 'staff', evidence: { type: 'phone_call' } }),
    );
    expect((await consentFor(t.deps.db, org.org.id, id, 'email', 'NEWSLETTER')).granted).toBe(true);

    const withdrawn = await org.owner.post(url(`/contacts/${id}/consents`), {
      channel: 'email',
      purpose: 'newsletter',
      status: 'withdrawn',
      source: 'unsubscribe',
    });
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body.evidence).toEqual({ type: 'unsubscribe_link' });
    expect(await consentFor(t.deps.db, org.org.id, id, 'email', 'newsletter')).toMatchObject({
      status: 'withdrawn',
      granted: false,
    });

    const state = (await org.owner.get(url(`/contacts/${id}/consents`))).body;
    expect(state.history).toHaveLength(3);
    expect(state.current.map((c: { channel: string; status: string }) => `${c.channel}:${c.status}`)).toEqual([
      'email:withdrawn',
      'sms:granted',
    ]);
    const timeline = (await org.owner.get(url(`/contacts/${id}/timeline`))).body.items;
    expect(timeline.filter((a: { type: string }) => a.type === 'consent')).toHaveLength(3);
    const audit = (await org.owner.get(url(`/audit?action=consent.record&subjectId=${id}`))).body.items;
    expect(audit).toHaveLength(3);
  });

  it('refuses grants without evidence, unknown channels and future times', async () => {
    const id = await newContact();
    const cases: [Record<string, unknown>, string][] = [
      [{ evidence: undefined }, 'body.evidence'],
      [{ channel: 'fax' }, 'body.channel'],
      [{ source: 'rumour' }, 'body.source'],
      [{ evidence: { type: 'hearsay' } }, 'body.evidence.type'],
      [{ recordedAt: '2999-01-01T00:00:00Z' }, 'body.recordedAt'],
      [{ purpose: '  ' }, 'body.purpose'],
    ];
    for (const [extra, path] of cases) {
      const res = await org.owner.post(url(`/contacts/${id}/consents`), grant(extra));
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    expect((await org.owner.get(url(`/contacts/${id}/consents`))).body.history).toEqual([]);
  });

  it('needs consent:write, and hides other organizations', async () => {
    const id = await newContact();
    const viewer = await org.member('viewer');
    expect((await viewer.post(url(`/contacts/${id}/consents`), grant())).status).toBe(403);
    expect((await viewer.get(url(`/contacts/${id}/consents`))).status).toBe(200);
    const coordinator = await org.member('coordinator');
    expect((await coordinator.post(url(`/contacts/${id}/consents`), grant())).status).toBe(201);

    const other = await buildOrg(t);
    expect((await other.owner.get(`/api/orgs/${other.slug}/contacts/${id}/consents`)).status).toBe(404);
    expect((await other.owner.post(`/api/orgs/${other.slug}/contacts/${id}/consents`, grant())).status).toBe(404);
    expect((await consentFor(t.deps.db, other.org.id, id, 'email', 'newsletter')).status).toBe('none');
  });
});
