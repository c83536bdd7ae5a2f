import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import type { SendStatus } from './lifecycle.ts';

type SendsTable = PgTable & { orgId: PgColumn; id: PgColumn; status: PgColumn; updatedAt: PgColumn };
type RecipientsTable = PgTable & { orgId: PgColumn; contactId: PgColumn; status: PgColumn };

/** One page of a send's copies, in contact order after `cursor`; one more than `limit` tells there is a next page. */
export interface RecipientPageQuery<Status extends string> {
  status?: Status;
  cursor?: number;
  limit: number;
}

/**
 * A send's row and its copies as Drizzle tables, for what both kinds read and write the same way:
 * moving a send between states, and the report's page of recipients.
 */
export function sendRecords<Sends extends SendsTable, Recipients extends RecipientsTable>(
  sends: Sends,
  recipients: Recipients,
  sendColumn: PgColumn,
) {
  /** Moves a send only from one of the given states; undefined when it was in none of them. */
  async function transition(
    db: Db,
    orgId: string,
    id: number,
    from: readonly SendStatus[],
    values: PgUpdateSetSource<Sends> & { status: SendStatus },
  ): Promise<Sends['$inferSelect'] | undefined> {
    const rows = await db
      .update(sends)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(sends.orgId, orgId), eq(sends.id, id), inArray(sends.status, [...from])))
      .returning();
    // Drizzle cannot name the row type of a table given as a type parameter.
    return (rows as Sends['$inferSelect'][])[0];
  }

  /** The copies with what each module shows of them, and the contact's name. */
  const recipientPage = <Fields extends Record<string, PgColumn>, Status extends string>(
    db: Db,
    orgId: string,
    sendId: number,
    fields: Fields,
    page: RecipientPageQuery<Status>,
  ) =>
    db
      .select({
        ...fields,
        name: sql<
          string | null
        >`(select c.name from contacts c where c.org_id = ${orgId} and c.id = ${recipients.contactId})`,
      })
      .from(recipients as PgTable)
      .where(
        and(
          eq(recipients.orgId, orgId),
          eq(sendColumn, sendId),
          page.status ? eq(recipients.status, page.status) : undefined,
          page.cursor ? (sql`${recipients.contactId} > ${page.cursor}` as SQL) : undefined,
        ),
      )
      .orderBy(recipients.contactId)
      .limit(page.limit + 1);

  return { transition, recipientPage };
}
