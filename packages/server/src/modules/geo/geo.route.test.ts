import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, testApp, type TestApp } from '../../testing/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('GET /api/geo/divisions', () => {
  it('lists provinces, then cities, then districts, without signing in', async () => {
    const anonymous = clientFor(t.app, {});
    const provinces = (await anonymous.get('/api/geo/divisions')).body;
    expect(provinces.length).toBeGreaterThanOrEqual(31);
    expect(provinces).toContainEqual({ code: '510000', name: '四川省', level: 'province', hasChildren: true });
    const cities = (await anonymous.get('/api/geo/divisions?parent=510000')).body;
    expect(cities).toContainEqual({ code: '510100', name: '成都市', level: 'city', hasChildren: true });
    const districts = (await anonymous.get('/api/geo/divisions?parent=510100')).body;
    expect(districts).toContainEqual({ code: '510107', name: '武侯区', level: 'district', hasChildren: false });
    expect((await anonymous.get('/api/geo/divisions?parent=510107')).body).toEqual([]);
  });

  it('answers 400 for a malformed code and 404 for an unknown one', async () => {
    const anonymous = clientFor(t.app, {});
    expect((await anonymous.get('/api/geo/divisions?parent=51')).status).toBe(400);
    expect((await anonymous.get('/api/geo/divisions?parent=999999')).status).toBe(404);
  });
});
