import { signSandboxCallback, type SandboxCallback } from '../adapters/payments/index.ts';
import type { TestApp } from './app.ts';

const random = () => Math.random().toString(36).slice(2);

/** A sandbox callback body: paid, in CNY, now, with fresh ids unless given. */
export const sandboxCallback = (fields: Partial<SandboxCallback> & { orderNo: string; amount: number }) => ({
  id: `evt_${random()}`,
  event: 'paid' as const,
  paymentId: 'sbx_x',
  transactionId: `tx_${random()}`,
  currency: 'CNY',
  occurredAt: new Date().toISOString(),
  ...fields,
});

/** Posts a signed callback to the sandbox's notify URL, as the sandbox pay page does. */
export const postSandboxCallback = (t: TestApp, request: { headers: Record<string, unknown>; rawBody: string }) =>
  t.app.inject({
    method: 'POST',
    url: '/api/payments/sandbox/notify',
    headers: request.headers as Record<string, string>,
    payload: request.rawBody,
  });

/** Signs and posts a sandbox callback for an order. */
export const notifySandbox = (t: TestApp, fields: Partial<SandboxCallback> & { orderNo: string; amount: number }) =>
  postSandboxCallback(t, signSandboxCallback(t.deps.config.SECRET_KEY, sandboxCallback(fields), new Date()));
