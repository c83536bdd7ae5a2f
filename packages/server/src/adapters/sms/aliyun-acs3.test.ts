import { describe, expect, it } from 'vitest';
import { acs3Authorization, acs3CanonicalRequest, acs3StringToSign } from './aliyun-acs3.ts';

describe('Aliyun ACS3-HMAC-SHA256 (V3 request signature)', () => {
  // The fixed example of "V3版本请求体&签名机制" (help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature):
  // RunInstances on ecs.cn-shanghai.aliyuncs.com with ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd
  // and RegionId=cn-shanghai in the query, an empty body, x-acs-date 2023-10-26T10:22:32Z, nonce
  // 3156853299f313e23d1673dc12e1703d, AccessKey YourAccessKeyId / YourAccessKeySecret. The page prints
  // "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259" as the string
  // to sign and 06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0 as the signature.
  // Both were also recomputed with  openssl dgst -sha256  and  openssl dgst -sha256 -hmac YourAccessKeySecret.
  const example = {
    method: 'POST' as const,
    host: 'ecs.cn-shanghai.aliyuncs.com',
    action: 'RunInstances',
    version: '2014-05-26',
    query: { RegionId: 'cn-shanghai', ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd' },
    body: '',
    date: '2023-10-26T10:22:32Z',
    nonce: '3156853299f313e23d1673dc12e1703d',
  };

  it('builds the canonical request of the example', () => {
    expect(acs3CanonicalRequest(example)).toBe(
      'POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n' +
        'host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\n' +
        'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n' +
        'x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n\n' +
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n' +
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('builds the string to sign of the example', () => {
    expect(acs3StringToSign(example)).toBe(
      'ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
    );
  });

  it('gives the exact Authorization header of the example', () => {
    expect(acs3Authorization('YourAccessKeyId', 'YourAccessKeySecret', example)).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;' +
        'x-acs-date;x-acs-signature-nonce;x-acs-version,' +
        'Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
  });
});
