import { readFileSync } from 'node:fs';

const pem = (file: string) => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');

/** TEST ONLY: the committed RSA keys of this folder (see README.md); never configure them. */
export const testKeys = {
  merchantPrivate: pem('merchant-TEST-ONLY.key.pem'),
  merchantPublic: pem('merchant-TEST-ONLY.pub.pem'),
  platformPrivate: pem('platform-TEST-ONLY.key.pem'),
  platformPublic: pem('platform-TEST-ONLY.pub.pem'),
  /** Self-signed over the platform key, with the serial of the 签名验证 guide's example. */
  platformCertificate: pem('platform-TEST-ONLY.cert.pem'),
  strangerPrivate: pem('stranger-TEST-ONLY.key.pem'),
} as const;
