/**
 * What bench/giving.ts sends: a donor's gift (the order, then the provider's signed callback), a
 * row for the bare INSERT baseline, and a page view.
 */
import { signSandboxCallback } from '../packages/server/src/adapters/payments/index.ts';
import { DEMO_CAMPAIGN, DEMO_SLUG } from '../packages/server/src/demo/index.ts';
import type { HttpClient } from './http-load.ts';

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平';
const donorName = (i: number) => `${surnames[i % 20]}${given[(i * 7) % 20]}${given[(i * 13) % 20]}`;

/** One donor's gift: the order from their phone, then the provider's signed callback. */
export async function donate(client: HttpClient, secretKey: string, run: string, i: number, tag: string) {
  const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const order = await client.request(
    'POST',
    `/api/give/${DEMO_SLUG}/${DEMO_CAMPAIGN}`,
    JSON.stringify({
      submitToken: `bench-${run}-${tag}-${i}`,
      amount: 1000 + (i % 50) * 1000,
      provider: 'sandbox',
      name: donorName(i),
      phone: `139${String(10_000_000 + (i % 90_000_000)).padStart(8, '0')}`,
      ...(i % 3 === 0 ? { email: `donor${i}@example.org`, consents: ['email'] } : {}),
      anonymous: i % 10 === 0,
    }),
    { 'content-type': 'application/json', 'x-forwarded-for': address },
  );
  if (order.status !== 201) throw new Error(`order ${order.status}: ${order.body.slice(0, 300)}`);
  const { order: placed, next } = JSON.parse(order.body) as {
    order: { orderNo: string; amount: number; currency: string };
    next: { url: string };
  };
  const callback = signSandboxCallback(
    secretKey,
    {
      id: `evt_${run}_${tag}_${i}`,
      event: 'paid',
      paymentId: next.url.split('/').pop()!,
      orderNo: placed.orderNo,
      transactionId: `tx_${run}_${tag}_${i}`,
      amount: placed.amount,
      currency: placed.currency,
      occurredAt: new Date().toISOString(),
    },
    new Date(),
  );
  const paid = await client.request('POST', '/api/payments/sandbox/notify', callback.rawBody, {
    ...(callback.headers as Record<string, string>),
    'x-forwarded-for': address,
  });
  if (paid.status !== 200) throw new Error(`callback ${paid.status}: ${paid.body.slice(0, 300)}`);
}

export async function bareInsert(client: HttpClient, i: number) {
  const response = await client.request('POST', '/insert', JSON.stringify({ amount: 1000 + i, name: donorName(i) }), {
    'content-type': 'application/json',
  });
  if (response.status !== 201) throw new Error(`bare insert ${response.status}`);
}

export async function getPage(client: HttpClient, pagePath: string) {
  const response = await client.request('GET', pagePath);
  if (response.status !== 200) throw new Error(`page ${response.status}`);
}
