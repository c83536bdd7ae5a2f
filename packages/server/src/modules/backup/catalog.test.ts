import { bigint, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { organizations, users } from '../platform/tables.ts';
import { orgTables, UnknownTableError } from './catalog.ts';

describe('orgTables', () => {
  it('covers every organization table of the schema, referenced tables first', () => {
    const names = orgTables().map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['contacts', 'tags', 'contact_tags', 'gifts', 'consents', 'notes', 'audit_events']),
    );
    expect(names).not.toContain('invitations');
    expect(names).not.toContain('api_tokens');
    expect(names).not.toContain('users');
    expect(names.indexOf('contacts')).toBeLessThan(names.indexOf('gifts'));
    expect(names.indexOf('tags')).toBeLessThan(names.indexOf('contact_tags'));
  });

  it('knows which columns hold users, money and renumbered keys', () => {
    const byName = new Map(orgTables().map((t) => [t.name, t]));
    expect(byName.get('gifts')!.money).toEqual({ amount: 'amount', currency: 'currency' });
    expect(byName.get('notes')!.userColumns).toEqual(['author_user_id']);
    expect(byName.get('audit_events')!).toMatchObject({
      renumbered: 'id',
      userColumns: ['actor_user_id'],
      clearColumns: ['actor_token_id'],
    });
    expect(byName.get('contacts')!.renumbered).toBeNull();
  });

  it('fails loudly on a table it cannot copy faithfully', () => {
    const orgId = () =>
      uuid()
        .notNull()
        .references(() => organizations.id);
    const mystery = pgTable('mystery', { orgId: orgId(), id: bigint({ mode: 'number' }), partnerId: uuid() }, (t) => [
      primaryKey({ columns: [t.orgId, t.id] }),
    ]);
    expect(() => orgTables([organizations, users, mystery])).toThrow(UnknownTableError);
    expect(() => orgTables([organizations, users, mystery])).toThrow(/partner_id/);
    const globalKey = pgTable('global_key', { orgId: orgId(), id: uuid().primaryKey(), name: text() });
    expect(() => orgTables([organizations, globalKey])).toThrow(/primary key/);
    const hostOrg = pgTable('hosted', {
      id: uuid().primaryKey(),
      hostOrgId: uuid().references(() => organizations.id),
    });
    expect(() => orgTables([organizations, hostOrg])).toThrow(/other than org_id/);
  });
});
