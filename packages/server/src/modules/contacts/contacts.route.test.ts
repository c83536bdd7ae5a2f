import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t);
});
afterAll(() => t.close());

const url = (path = '') => `/api/orgs/${org.slug}${path}`;
const auditOf = async (action: string, subjectId: number) =>
  (await org.owner.get(url(`/audit?action=${action}&subjectId=${subjectId}`))).body.items as {
    data: Record<string, unknown>;
    actor: string;
  }[];

describe('creating a contact', () => {
  it('normalizes name, phone, email and place', async () => {
    const created = await org.owner.post(url('/contacts'), {
      name: '  张  三丰 ',
      phone: '138 1234 5678',
      email: ' ZhangSF@Example.ORG ',
      districtCode: '510107',
      gender: '男',
      category: '月捐人',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'person',
      name: '张 三丰',
      namePinyin: 'zhangsanfeng',
      nameInitials: 'zsf',
      phone: '+8613812345678',
      email: 'zhangsf@example.org',
      provinceCode: '510000',
      cityCode: '510100',
      districtCode: '510107',
      placeLabel: '四川省 成都市 武侯区',
      gender: 'male',
      giftCount: 0,
      totalGiven: [],
      tags: [],
      erasedAt: null,
    });
    const read = await org.owner.get(url(`/contacts/${created.body.id}`));
    expect(read.body).toEqual(created.body);
  });

  it('answers bad fields with their paths and writes nothing', async () => {
    const before = (await org.owner.get(url('/categories'))).body;
    const bad = await org.owner.post(url('/contacts'), {
      name: '李四',
      category: '新类别',
      phone: '12345',
      email: 'not-an-email',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.email', 'body.phone']);
    expect((await org.owner.get(url('/categories'))).body).toEqual(before);
  });

  it('refuses a blank name, a wrong kind and places that do not nest', async () => {
    const blank = await org.owner.post(url('/contacts'), { name: '   ' });
    expect(blank.body.error.fields).toEqual([{ path: 'body.name', message: expect.any(String) }]);
    expect((await org.owner.post(url('/contacts'), { name: 'x', kind: 'robot' })).status).toBe(400);
    const mismatch = await org.owner.post(url('/contacts'), {
      name: '王五',
      provinceCode: '510000',
      cityCode: '440300',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.fields[0].path).toBe('body.cityCode');
    const wrongLevel = await org.owner.post(url('/contacts'), { name: '王五', provinceCode: '510100' });
    expect(wrongLevel.body.error.fields[0].path).toBe('body.provinceCode');
    const district = await org.owner.post(url('/contacts'), {
      name: '王五',
      cityCode: '510100',
      districtCode: '440305',
    });
    expect(district.body.error.fields[0].path).toBe('body.districtCode');
  });

  it('keeps names with markup exactly as typed', async () => {
    const name = '<script>alert("x")</script> & <b>李</b>';
    const created = await org.owner.post(url('/contacts'), { name, kind: 'organization' });
    expect(created.status).toBe(201);
    const read = await org.owner.get(url(`/contacts/${created.body.id}`));
    expect(read.body.name).toBe(name);
    expect(read.body.kind).toBe('organization');
  });

  it('audits creation and every read of the details', async () => {
    const { body } = await org.owner.post(url('/contacts'), { name: '赵六' });
    expect(await auditOf('contact.create', body.id)).toHaveLength(1);
    await org.owner.get(url(`/contacts/${body.id}`));
    await org.owner.get(url(`/contacts/${body.id}`));
    const reads = await auditOf('contact.read', body.id);
    expect(reads).toHaveLength(2);
    expect(reads[0]!.actor).toBe(org.ownerEmail);
  });
});

describe('changing a contact', () => {
  it('applies a patch, clears with null and audits the diff', async () => {
    const { body: c } = await org.owner.post(url('/contacts'), {
      name: '钱七',
      phone: '13900001111',
      email: 'q@example.org',
    });
    const patched = await org.owner.patch(url(`/contacts/${c.id}`), {
      name: '钱 七七',
      email: null,
      address: '人民南路 1 号',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: '钱 七七',
      namePinyin: 'qianqiqi',
      email: null,
      phone: '+8613900001111',
      address: '人民南路 1 号',
    });
    const [audit] = await auditOf('contact.update', c.id);
    expect(audit!.data).toEqual({
      name: { before: '钱七', after: '钱 七七' },
      email: { before: 'q@example.org', after: null },
      address: { before: null, after: '人民南路 1 号' },
    });
    const timeline = (await org.owner.get(url(`/contacts/${c.id}/timeline`))).body.items;
    expect(timeline.map((a: { type: string }) => a.type)).toEqual(['updated', 'created']);
  });

  it('rejects an invalid phone on patch with body.phone and leaves the row alone', async () => {
    const { body: c } = await org.owner.post(url('/contacts'), { name: '孙八', phone: '13900002222' });
    const bad = await org.owner.patch(url(`/contacts/${c.id}`), { phone: '999', name: '改名' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'body.phone', message: expect.stringContaining('999') }]);
    expect((await org.owner.get(url(`/contacts/${c.id}`))).body).toMatchObject({
      name: '孙八',
      phone: '+8613900002222',
    });
  });

  it('sets tags through PUT and PATCH, creating missing tags', async () => {
    const { body: c } = await org.owner.post(url('/contacts'), { name: '周九', tags: ['月捐', '志愿者'] });
    expect(c.tags.map((x: { name: string }) => x.name).sort()).toEqual(['志愿者', '月捐'].sort());
    const put = await org.owner.put(url(`/contacts/${c.id}/tags`), { tags: ['月捐', '大额'] });
    expect(put.status).toBe(200);
    expect(put.body.map((x: { name: string }) => x.name).sort()).toEqual(['大额', '月捐'].sort());
    const patched = await org.owner.patch(url(`/contacts/${c.id}`), { tags: [] });
    expect(patched.body.tags).toEqual([]);
    const types = (await org.owner.get(url(`/contacts/${c.id}/timeline`))).body.items.map(
      (a: { type: string }) => a.type,
    );
    expect(types.filter((x: string) => x === 'tag_added')).toHaveLength(3);
    expect(types.filter((x: string) => x === 'tag_removed')).toHaveLength(3);
  });
});

describe('custom fields', () => {
  it('validates values against the definitions', async () => {
    const defs = [
      { key: 'birthday', label: '生日', type: 'date' },
      { key: 'size', label: 'T恤尺码', type: 'select', options: ['S', 'M', 'L'] },
      { key: 'interests', label: '兴趣', type: 'multiselect', options: ['环保', '教育', '扶贫'] },
      { key: 'age', label: '年龄', type: 'number' },
      { key: 'vip', label: 'VIP', type: 'boolean' },
    ];
    for (const def of defs) expect((await org.owner.post(url('/custom-fields'), def)).status).toBe(201);
    const dup = await org.owner.post(url('/custom-fields'), defs[0]);
    expect(dup.status).toBe(409);
    const noOptions = await org.owner.post(url('/custom-fields'), { key: 'x', label: 'x', type: 'select' });
    expect(noOptions.body.error.fields[0].path).toBe('body.options');

    const good = await org.owner.post(url('/contacts'), {
      name: '吴十',
      custom: { birthday: '1990-02-28', size: 'M', interests: '环保、教育', age: '42', vip: '是' },
    });
    expect(good.status).toBe(201);
    expect(good.body.custom).toEqual({
      birthday: '1990-02-28',
      size: 'M',
      interests: ['环保', '教育'],
      age: 42,
      vip: true,
    });

    const bad = await org.owner.post(url('/contacts'), {
      name: '吴十一',
      custom: { birthday: '1990-02-30', size: 'XXL', interests: ['唱歌'], age: 'forty', nope: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(
      [
        'body.custom.age',
        'body.custom.birthday',
        'body.custom.interests',
        'body.custom.nope',
        'body.custom.size',
      ].sort(),
    );

    const patched = await org.owner.patch(url(`/contacts/${good.body.id}`), { custom: { size: null, age: 43 } });
    expect(patched.body.custom).toEqual({ birthday: '1990-02-28', interests: ['环保', '教育'], age: 43, vip: true });

    const fields = (await org.owner.get(url('/custom-fields'))).body;
    const size = fields.find((f: { key: string }) => f.key === 'size');
    expect(
      (await org.owner.patch(url(`/custom-fields/${size.id}`), { options: ['S', 'M', 'L', 'XL'] })).body.options,
    ).toHaveLength(4);
    const vip = fields.find((f: { key: string }) => f.key === 'vip');
    expect((await org.owner.delete(url(`/custom-fields/${vip.id}`))).status).toBe(200);
    expect((await org.owner.get(url(`/contacts/${good.body.id}`))).body.custom).not.toHaveProperty('vip');
    const [line] = (await org.owner.get(url(`/contacts/${good.body.id}/timeline`))).body.items;
    expect(line).toMatchObject({
      type: 'updated',
      summary: 'Custom field deleted: VIP',
      data: { fields: ['custom.vip'], customFieldDeleted: true, label: 'VIP' },
    });
  });

  it('is managed by admins only', async () => {
    const coordinator = await org.member('coordinator');
    const res = await coordinator.post(url('/custom-fields'), { key: 'z', label: 'z', type: 'text' });
    expect(res.status).toBe(403);
    expect((await coordinator.get(url('/custom-fields'))).status).toBe(200);
  });
});

describe('tags and categories', () => {
  it('creates, renames and deletes tags, and lists categories in use', async () => {
    const created = await org.owner.post(url('/tags'), { name: '理事', color: 'gold' });
    expect(created.status).toBe(201);
    expect((await org.owner.post(url('/tags'), { name: '理事' })).status).toBe(409);
    const { body: c } = await org.owner.post(url('/contacts'), { name: '郑十二', tags: ['理事'], category: '基金会' });
    const renamed = await org.owner.patch(url(`/tags/${created.body.id}`), { name: '理事会' });
    expect(renamed.body).toEqual({ id: created.body.id, name: '理事会', color: 'gold' });
    const listed = (await org.owner.get(url('/tags'))).body.find((x: { id: number }) => x.id === created.body.id);
    expect(listed.contactCount).toBe(1);
    expect((await org.owner.delete(url(`/tags/${created.body.id}`))).status).toBe(200);
    expect((await org.owner.get(url(`/contacts/${c.id}`))).body.tags).toEqual([]);
    const timeline = (await org.owner.get(url(`/contacts/${c.id}/timeline`))).body.items;
    expect(timeline[0]).toMatchObject({ type: 'tag_removed', summary: 'Tag removed: 理事会' });
    const categories = (await org.owner.get(url('/categories'))).body;
    expect(categories).toEqual(expect.arrayContaining([{ category: '基金会', contactCount: 1 }]));
  });
});

describe('relationships, notes and the timeline', () => {
  it('shows a relationship from both ends', async () => {
    const { body: person } = await org.owner.post(url('/contacts'), { name: '冯一' });
    const { body: company } = await org.owner.post(url('/contacts'), {
      name: '某某科技有限公司',
      kind: 'organization',
    });
    const rel = await org.owner.post(url(`/contacts/${person.id}/relationships`), {
      relatedContactId: company.id,
      type: 'employer',
    });
    expect(rel.status).toBe(201);
    expect(rel.body).toMatchObject({ type: 'employer', contact: { id: company.id, name: '某某科技有限公司' } });
    const inverse = (await org.owner.get(url(`/contacts/${company.id}/relationships`))).body;
    expect(inverse).toEqual([
      expect.objectContaining({
        id: rel.body.id,
        type: 'employee',
        contact: { id: person.id, name: '冯一', kind: 'person' },
      }),
    ]);
    expect(
      (
        await org.owner.post(url(`/contacts/${person.id}/relationships`), {
          relatedContactId: company.id,
          type: 'employer',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await org.owner.post(url(`/contacts/${person.id}/relationships`), {
          relatedContactId: person.id,
          type: 'spouse',
        })
      ).status,
    ).toBe(400);
    expect((await org.owner.delete(url(`/contacts/${company.id}/relationships/${rel.body.id}`))).status).toBe(200);
    expect((await org.owner.get(url(`/contacts/${person.id}/relationships`))).body).toEqual([]);
    // Each end's timeline names the relationship as that end saw it.
    for (const [id, type] of [
      [person.id, 'employer'],
      [company.id, 'employee'],
    ]) {
      const [removed] = (await org.owner.get(url(`/contacts/${id}/timeline`))).body.items;
      expect(removed).toMatchObject({ type: 'relationship_removed', data: { relationshipId: rel.body.id, type } });
    }
  });

  it('adds notes and pages through the timeline newest first', async () => {
    const { body: c } = await org.owner.post(url('/contacts'), { name: '陈二' });
    for (let i = 1; i <= 4; i++)
      expect((await org.owner.post(url(`/contacts/${c.id}/notes`), { body: `第${i}次电话` })).status).toBe(201);
    expect((await org.owner.post(url(`/contacts/${c.id}/notes`), { body: '   ' })).status).toBe(400);
    const notes = (await org.owner.get(url(`/contacts/${c.id}/notes`))).body;
    expect(notes.map((n: { body: string }) => n.body)).toEqual(['第4次电话', '第3次电话', '第2次电话', '第1次电话']);
    const first = (await org.owner.get(url(`/contacts/${c.id}/timeline?limit=3`))).body;
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBeTruthy();
    const second = (await org.owner.get(url(`/contacts/${c.id}/timeline?limit=3&cursor=${first.nextCursor}`))).body;
    expect(second.items.map((a: { type: string }) => a.type)).toEqual(['note', 'created']);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((a: { id: number }) => a.id);
    expect(new Set(ids).size).toBe(5);
    expect((await org.owner.get(url(`/contacts/${c.id}/timeline?cursor=garbage`))).status).toBe(400);
  });
});

describe('roles and tenancy', () => {
  it('lets a viewer read but not write', async () => {
    const viewer = await org.member('viewer');
    const { body: c } = await org.owner.post(url('/contacts'), { name: '褚三' });
    expect((await viewer.get(url(`/contacts/${c.id}`))).status).toBe(200);
    for (const res of [
      await viewer.post(url('/contacts'), { name: 'x' }),
      await viewer.patch(url(`/contacts/${c.id}`), { name: 'x' }),
      await viewer.put(url(`/contacts/${c.id}/tags`), { tags: ['x'] }),
      await viewer.post(url('/tags'), { name: 'x' }),
      await viewer.post(url(`/contacts/${c.id}/notes`), { body: 'x' }),
      await viewer.post(url(`/contacts/${c.id}/erase`), {}),
      await viewer.get(url(`/contacts/${c.id}/export`)),
    ]) {
      expect(res.status).toBe(403);
    }
  });

  it("answers 404 for another organization's contacts on every route", async () => {
    const other = await buildOrg(t);
    const { body: theirs } = await other.owner.post(`/api/orgs/${other.slug}/contacts`, { name: '别家的人' });
    const { body: mine } = await org.owner.post(url('/contacts'), { name: '自家的人' });
    const { body: theirTag } = await other.owner.post(`/api/orgs/${other.slug}/tags`, { name: '别家标签' });
    const { body: theirField } = await other.owner.post(`/api/orgs/${other.slug}/custom-fields`, {
      key: 'k',
      label: 'k',
      type: 'text',
    });
    const { body: theirFriend } = await other.owner.post(`/api/orgs/${other.slug}/contacts`, { name: '别家朋友' });
    const { body: theirRel } = await other.owner.post(`/api/orgs/${other.slug}/contacts/${theirs.id}/relationships`, {
      relatedContactId: theirFriend.id,
      type: 'other',
    });
    const id = theirs.id;
    const responses = [
      await org.owner.get(url(`/contacts/${id}`)),
      await org.owner.patch(url(`/contacts/${id}`), { name: 'x' }),
      await org.owner.put(url(`/contacts/${id}/tags`), { tags: ['x'] }),
      await org.owner.get(url(`/contacts/${id}/relationships`)),
      await org.owner.post(url(`/contacts/${id}/relationships`), { relatedContactId: mine.id, type: 'spouse' }),
      await org.owner.post(url(`/contacts/${mine.id}/relationships`), { relatedContactId: id, type: 'spouse' }),
      await org.owner.get(url(`/contacts/${id}/notes`)),
      await org.owner.post(url(`/contacts/${id}/notes`), { body: 'x' }),
      await org.owner.get(url(`/contacts/${id}/timeline`)),
      await org.owner.get(url(`/contacts/${id}/export`)),
      await org.owner.post(url(`/contacts/${id}/erase`), {}),
      await org.owner.patch(url(`/tags/${theirTag.id}`), { name: 'x' }),
      await org.owner.delete(url(`/tags/${theirTag.id}`)),
      await org.owner.patch(url(`/custom-fields/${theirField.id}`), { label: 'x' }),
      await org.owner.delete(url(`/custom-fields/${theirField.id}`)),
      await org.owner.delete(url(`/contacts/${id}/relationships/${theirRel.id}`)),
      await org.owner.delete(url(`/contacts/${mine.id}/relationships/${theirRel.id}`)),
      await org.owner.get(`/api/orgs/${other.slug}/contacts/${id}`),
    ];
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 404));
    expect((await other.owner.get(`/api/orgs/${other.slug}/contacts/${id}`)).body.name).toBe('别家的人');
    expect((await other.owner.get(`/api/orgs/${other.slug}/contacts/${id}/relationships`)).body).toHaveLength(1);
  });
});
