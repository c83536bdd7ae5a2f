import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { idParam, orgParams, orgSlug } from '../../http/params.ts';
import {
  campaignPatch,
  hostedCampaignInput,
  presentCampaign,
  updateInput,
  type CampaignRow,
} from '../fundraising/index.ts';
import {
  createHostedCampaign,
  hostedCampaign,
  hostedCampaignDonors,
  listHostedCampaigns,
  partnerOverview,
  postHostedUpdate,
  submitHostedCampaign,
  updateHostedCampaign,
} from './hosted.ts';
import {
  hostedCampaignSchema,
  inviteInput,
  overviewItemSchema,
  partnershipParams,
  partnershipSchema,
  qualificationInput,
} from './schemas.ts';
import {
  acceptPartnership,
  endPartnership,
  invitePartner,
  listPartnerships,
  qualificationOf,
  setQualification,
} from './service.ts';

const hostedParams = z.object({ org: orgSlug, id: idParam });

/**
 * Joint fundraising (联合劝募): a host with public-fundraising qualification invites partners, who run
 * campaigns in the host's books; the host reviews them and sees every partner's figures, and each
 * partner sees its own campaigns' figures and, when the agreement says so, their donors.
 */
export const partnershipRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['joint fundraising'];
  const one = async (orgId: string, id: number) => (await listPartnerships(db, orgId)).find((p) => p.id === id)!;

  app.get(
    '/orgs/:org/partnerships',
    {
      schema: {
        tags,
        summary: "This organization's qualification and its partnerships, as host and as partner",
        params: orgParams,
        response: {
          200: z.object({ certificate: z.string().nullable(), items: z.array(partnershipSchema) }),
        },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'org:read');
      return { certificate: await qualificationOf(db, ctx.org.id), items: await listPartnerships(db, ctx.org.id) };
    },
  );

  app.put(
    '/orgs/:org/public-fundraising',
    {
      schema: {
        tags,
        summary: "Record (or withdraw) the organization's public-fundraising qualification (公募资格)",
        params: orgParams,
        body: qualificationInput,
        response: { 200: z.object({ certificate: z.string().nullable() }) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'org:manage');
      return { certificate: await setQualification(db, ctx, request.body.certificate) };
    },
  );

  app.post(
    '/orgs/:org/partnerships',
    {
      schema: {
        tags,
        summary: 'Invite a partner organization to raise under this one (the host)',
        params: orgParams,
        body: inviteInput,
        response: { 201: partnershipSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'org:manage');
      const row = await invitePartner(db, ctx, request.body);
      return reply.status(201).send(await one(ctx.org.id, row.id));
    },
  );

  for (const [action, run, summary] of [
    ['accept', acceptPartnership, "Accept a host's invitation (the partner)"],
    ['end', endPartnership, 'End a partnership (either side): no new campaigns under it'],
  ] as const) {
    app.post(
      `/orgs/:org/partnerships/:id/${action}`,
      { schema: { tags, summary, params: partnershipParams, response: { 200: partnershipSchema } } },
      async (request) => {
        const ctx = await authorize(request, 'org:manage');
        await run(db, ctx, request.params.id);
        return one(ctx.org.id, request.params.id);
      },
    );
  }

  app.get(
    '/orgs/:org/partnerships/overview',
    {
      schema: {
        tags,
        summary: "The host's view: every partner campaign's amounts, donors and overdue project updates",
        params: orgParams,
        response: { 200: z.array(overviewItemSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'reports:read');
      const items = await partnerOverview(db, ctx, clock.now());
      return items.map((i) => ({ ...i, campaign: presentCampaign(i.row, ctx.org.slug) }));
    },
  );

  const presentHosted = (
    row: CampaignRow,
    host: { org: { name: string; slug: string } },
    extra: { donorData: 'totals' | 'donors'; figures: z.infer<typeof hostedCampaignSchema>['figures'] },
  ) => ({
    ...presentCampaign(row, host.org.slug),
    host: { name: host.org.name, slug: host.org.slug },
    ...extra,
  });
  const hostedView = async (ctx: Parameters<typeof hostedCampaign>[1], id: number) => {
    const found = (await listHostedCampaigns(db, ctx, clock.now())).find((h) => h.row.id === id)!;
    return presentHosted(found.row, found.host, { donorData: found.donorData, figures: found.figures });
  };

  app.get(
    '/orgs/:org/hosted-campaigns',
    {
      schema: {
        tags,
        summary: "The partner's campaigns run under hosts, with their figures",
        params: orgParams,
        response: { 200: z.array(hostedCampaignSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:read');
      return (await listHostedCampaigns(db, ctx, clock.now())).map((h) =>
        presentHosted(h.row, h.host, { donorData: h.donorData, figures: h.figures }),
      );
    },
  );

  app.post(
    '/orgs/:org/hosted-campaigns',
    {
      schema: {
        tags,
        summary: "Start a campaign under a host's qualification; the host reviews it before it goes live",
        params: orgParams,
        body: hostedCampaignInput,
        response: { 201: hostedCampaignSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'campaigns:write');
      const { partnershipId, ...input } = request.body;
      const { row } = await createHostedCampaign(db, ctx, partnershipId, input);
      return reply.status(201).send(await hostedView(ctx, row.id));
    },
  );

  app.patch(
    '/orgs/:org/hosted-campaigns/:id',
    {
      schema: {
        tags,
        summary: "Edit a hosted campaign; a live one's public words wait for the host's review",
        params: hostedParams,
        body: campaignPatch,
        response: { 200: hostedCampaignSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'campaigns:write');
      await updateHostedCampaign(db, ctx, request.params.id, request.body);
      return hostedView(ctx, request.params.id);
    },
  );

  app.post(
    '/orgs/:org/hosted-campaigns/:id/submit',
    {
      schema: {
        tags,
        summary: "Send a hosted campaign to the host's reviewers",
        params: hostedParams,
        response: { 200: hostedCampaignSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'campaigns:write');
      await submitHostedCampaign(db, ctx, request.params.id);
      return hostedView(ctx, request.params.id);
    },
  );

  app.post(
    '/orgs/:org/hosted-campaigns/:id/updates',
    {
      schema: {
        tags,
        summary: 'Post a project update (项目进展) on a hosted campaign',
        params: hostedParams,
        body: updateInput,
        response: { 201: z.object({ id: z.number(), title: z.string() }) },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'campaigns:write');
      const { update } = await postHostedUpdate(db, ctx, request.params.id, request.body);
      return reply.status(201).send({ id: update.id, title: update.title });
    },
  );

  app.get(
    '/orgs/:org/hosted-campaigns/:id/donors',
    {
      schema: {
        tags,
        summary: "A hosted campaign's donors, when the agreement shares them (audited on both sides)",
        params: hostedParams,
        response: {
          200: z.array(
            z.object({
              giftId: z.number(),
              amount: z.number(),
              currency: z.string(),
              receivedAt: z.string(),
              name: z.string(),
              phone: z.string().nullable(),
              email: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'contacts:read');
      return hostedCampaignDonors(db, ctx, request.params.id);
    },
  );
};
