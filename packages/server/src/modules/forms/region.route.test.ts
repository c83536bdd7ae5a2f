import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage, testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';

let t: TestApp;
let o: TestOrg;
let formId: number;

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t);
  const created = await o.owner.post(api('/forms'), {
    title: '社区探访报名',
    slug: 'visit',
    fields: [
      { key: 'name', type: 'text', label: '姓名', required: true, mapTo: 'name' },
      { key: 'phone', type: 'phone', label: '手机号', required: true, mapTo: 'phone' },
      { key: 'home', type: 'region', label: '所在地区', required: true, mapTo: 'region' },
      { key: 'city', type: 'region', label: '想去的城市', level: 'city' },
    ],
  });
  expect(created.status).toBe(201);
  formId = created.body.id;
  await o.owner.post(api(`/forms/${formId}/open`));
});
afterAll(() => t?.close());

function api(path: string) {
  return `/api/orgs/${o.slug}${path}`;
}

/** The page's post: the three selects of a region question share its name, province first. */
const postPage = (fields: [string, string][]) =>
  t.app.inject({
    method: 'POST',
    url: `/f/${o.slug}/visit`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });

const submit = (answers: Record<string, string | string[]>) =>
  t.app.inject({ method: 'POST', url: `/api/forms/${o.slug}/visit`, payload: { answers } });

describe('a 省/市/区 question', () => {
  it('is built with its level; a region target belongs to a region question, and fills the province too', async () => {
    const form = (await o.owner.get(api(`/forms/${formId}`))).body;
    expect(form.fields[3]).toMatchObject({ type: 'region', level: 'city' });
    const problems = async (fields: unknown[]) => {
      const res = await o.owner.post(api('/forms'), { title: '坏表单', fields });
      expect(res.status).toBe(400);
      return res.body.error.fields.map((f: { path: string }) => f.path);
    };
    expect(await problems([{ key: 'a', type: 'text', label: '地址', mapTo: 'region' }])).toEqual([
      'body.fields.0.mapTo',
    ]);
    expect(
      await problems([
        { key: 'b', type: 'region', label: '地区', mapTo: 'region' },
        { key: 'c', type: 'province', label: '省份', mapTo: 'province' },
      ]),
    ).toEqual(['body.fields.1.mapTo']);
  });

  it('shows the provinces in the page, three selects, and the cities of a chosen province when shown again', async () => {
    const page = await getPage(t, `/f/${o.slug}/visit`);
    expect(page.statusCode).toBe(200);
    const selects = page.body.match(/<select[^>]*name="home"/g) ?? [];
    expect(selects).toHaveLength(3);
    expect(page.body.match(/<select[^>]*name="city"/g)).toHaveLength(2);
    expect(page.body).toMatch(/<option value="510000"\s*>四川省<\/option>/);
    expect(page.body).not.toContain('成都市');
    // Without the script: a province alone is sent back with what is missing, and its cities listed.
    const partial = await postPage([
      ['name', '李雷'],
      ['phone', '13700137000'],
      ['home', '510000'],
    ]);
    expect(partial.statusCode).toBe(422);
    expect(partial.body).toContain('请选择城市');
    expect(partial.body).toMatch(/<option value="510100"\s*>成都市<\/option>/);
    expect(partial.body).toMatch(/<option value="510000"\s*selected\s*>四川省<\/option>/);
  });

  it('refuses a city that is not in the province, and a code at the wrong level, at the answer’s path', async () => {
    const elsewhere = await postPage([
      ['name', '李雷'],
      ['phone', '13700137000'],
      ['home', '510000'],
      ['home', '440100'],
      ['home', '440106'],
    ]);
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.body).toContain('这个城市不在所选的省份里');

    const wrongLevel = await submit({ name: '李雷', phone: '13700137000', home: '510100' });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'body.answers.home', message: 'not a district' }],
    });
    const cityAsDistrict = await submit({ name: '李雷', phone: '13700137000', home: '510107', city: '510107' });
    expect(cityAsDistrict.json().error.fields).toEqual([{ path: 'body.answers.city', message: 'not a city' }]);
    const notInCity = await submit({ name: '李雷', phone: '13700137000', home: ['510000', '510100', '440106'] });
    expect(notInCity.json().error.fields).toEqual([{ path: 'body.answers.home', message: 'not in the city chosen' }]);
    expect((await o.owner.get(api(`/forms/${formId}/responses`))).body).toHaveLength(0);
  });

  it('keeps a valid district, fills in the contact’s province, city and district, and exports the names', async () => {
    const res = await postPage([
      ['name', '韩梅梅'],
      ['phone', '13700137001'],
      ['home', '510000'],
      ['home', '510100'],
      ['home', '510107'],
      ['city', '440000'],
      ['city', '441900'],
    ]);
    expect(res.statusCode).toBe(303);
    const byApi = await submit({ name: '王芳', phone: '13700137002', home: '110108' });
    expect(byApi.statusCode).toBe(201);

    const [second, first] = (await o.owner.get(api(`/forms/${formId}/responses`))).body;
    expect(first.answers).toEqual({ name: '韩梅梅', phone: '+8613700137001', home: '510107', city: '441900' });
    const contact = (await o.owner.get(api(`/contacts/${first.contactId}`))).body;
    expect(contact).toMatchObject({
      provinceCode: '510000',
      cityCode: '510100',
      districtCode: '510107',
      placeLabel: '四川省 成都市 武侯区',
    });
    const beijing = (await o.owner.get(api(`/contacts/${second.contactId}`))).body;
    expect(beijing).toMatchObject({ provinceCode: '110000', cityCode: '110100', districtCode: '110108' });

    const csv = (await o.owner.get(api(`/forms/${formId}/responses.csv`))).body as string;
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('提交时间,姓名,手机号,所在地区,所在地区（代码）,想去的城市,想去的城市（代码）,状态,联系人');
    expect(lines).toContainEqual(
      expect.stringContaining('韩梅梅,13700137001,四川省 成都市 武侯区,510107,广东省 东莞市,441900,'),
    );
    expect(lines).toContainEqual(expect.stringContaining('王芳,13700137002,北京市 海淀区,110108,,,'));
  });

  it('keeps filling in the province of an older province question', async () => {
    const { body } = await o.owner.post(api('/forms'), {
      title: '老表单',
      slug: 'old-province',
      fields: [
        { key: 'name', type: 'text', label: '姓名', mapTo: 'name' },
        { key: 'province', type: 'province', label: '省份', mapTo: 'province' },
      ],
    });
    await o.owner.post(api(`/forms/${body.id}/open`));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/forms/${o.slug}/old-province`,
      payload: { answers: { name: '赵六', province: '330000' } },
    });
    expect(res.statusCode).toBe(201);
    const [response] = (await o.owner.get(api(`/forms/${body.id}/responses`))).body;
    expect((await o.owner.get(api(`/contacts/${response.contactId}`))).body).toMatchObject({
      provinceCode: '330000',
      cityCode: null,
    });
  });
});
