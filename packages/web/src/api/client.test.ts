import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, REPEAT_WINDOW_MS } from './client';

const sent: string[] = [];
function stubFetch() {
  sent.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push(`${init.method} ${url} ${String(init.body)}`);
      await new Promise((r) => setTimeout(r, 5));
      return new Response(JSON.stringify({ n: sent.length }), { headers: { 'content-type': 'application/json' } });
    }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('api writes', () => {
  it('sends a double-clicked change once, and answers both clicks', async () => {
    stubFetch();
    const body = { contactId: 1, amount: 12300 };
    const [a, b] = await Promise.all([api.post('/orgs/x/gifts', body), api.post('/orgs/x/gifts', { ...body })]);
    const c = await api.post('/orgs/x/gifts', body); // right after the first answered
    expect(sent).toHaveLength(1);
    expect([a, b, c]).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
  });

  it('sends a different change, a toggle back, and a repeat after the window', async () => {
    stubFetch();
    await api.put('/orgs/x/contacts/1/tags', { tags: ['志愿者'] });
    await api.put('/orgs/x/contacts/1/tags', { tags: [] });
    await api.put('/orgs/x/contacts/1/tags', { tags: ['志愿者'] });
    expect(sent).toHaveLength(3);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + REPEAT_WINDOW_MS + 1);
    await api.put('/orgs/x/contacts/1/tags', { tags: ['志愿者'] });
    expect(sent).toHaveLength(4);
  });

  it('sends again a change the server refused, since nothing was recorded', async () => {
    sent.length = 0;
    let answer = 422;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        sent.push(`${init.method} ${url}`);
        const body =
          answer === 200 ? { status: 'live' } : { error: { code: 'PLAN_INCOMPLETE', message: 'no plan', fields: [] } };
        return new Response(JSON.stringify(body), { status: answer, headers: { 'content-type': 'application/json' } });
      }),
    );
    const review = () => api.post('/orgs/x/campaigns/1/review', { decision: 'approve' });
    await expect(review()).rejects.toMatchObject({ code: 'PLAN_INCOMPLETE' });
    answer = 200;
    expect(await review()).toEqual({ status: 'live' });
    expect(sent).toHaveLength(2);
  });
});
