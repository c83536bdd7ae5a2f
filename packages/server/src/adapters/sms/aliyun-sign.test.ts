import { describe, expect, it } from 'vitest';
import { percentEncode, rpcStringToSign, signRpc } from './aliyun-sign.ts';

describe('Aliyun RPC signature (SignatureVersion 1.0, HMAC-SHA1)', () => {
  // The worked example of 签名机制 / "Signature mechanism" (help.aliyun.com/document_detail/28839.html,
  // alibabacloud.com/help/doc-detail/28139.htm): "This example shows how to sign an API request for
  // calling the DescribeRegions operation. If the value of the AccessKeyId parameter is testid, the
  // AccessKeySecret parameter is testsecret ... The signature string calculated by using testsecret&
  // is as follows: OLeaidS1JvxuMvnyHOwuJ+uX5qY="
  const describeRegions = {
    Timestamp: '2016-02-23T12:46:24Z',
    Format: 'XML',
    AccessKeyId: 'testid',
    Action: 'DescribeRegions',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    Version: '2014-05-26',
    SignatureVersion: '1.0',
  };

  it('builds the StringToSign of the DescribeRegions example', () => {
    expect(rpcStringToSign('GET', describeRegions)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML' +
        '%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf' +
        '%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
  });

  it('gives the documented DescribeRegions signature', () => {
    expect(signRpc('GET', describeRegions, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('leaves a Signature parameter out of what it signs', () => {
    expect(signRpc('GET', { ...describeRegions, Signature: 'old' }, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  // The SMS guide's own example (短信服务 "HTTP协议及签名", help.aliyun.com/document_detail/56189.html):
  // SendSms to 15300000001 with SignName 阿里云短信测试专用, TemplateCode SMS_71390007,
  // TemplateParam {"customer":"test"}, OutId 123, AccessKeySecret testSecret; it prints
  // "Signature: zJDF+Lrzhj/ThnlvIToysFRq6t4=". Recomputed here with
  //   printf '%s' "$StringToSign" | openssl dgst -sha1 -hmac 'testSecret&' -binary | base64
  const sendSms = {
    AccessKeyId: 'testId',
    Action: 'SendSms',
    Format: 'XML',
    OutId: '123',
    PhoneNumbers: '15300000001',
    RegionId: 'cn-hangzhou',
    SignName: '阿里云短信测试专用',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_71390007',
    TemplateParam: '{"customer":"test"}',
    Timestamp: '2017-07-12T02:42:19Z',
    Version: '2017-05-25',
  };

  it('builds the StringToSign of the SendSms example, Chinese signature encoded twice', () => {
    expect(rpcStringToSign('GET', sendSms)).toBe(
      'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001' +
        '%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8' +
        '%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0' +
        '%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D' +
        '%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25',
    );
  });

  it('gives the documented SendSms signature', () => {
    expect(signRpc('GET', sendSms, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('signs POST differently from GET (the method is the first part of StringToSign)', () => {
    // printf 'POST&%%2F&…' (the DescribeRegions query above) | openssl dgst -sha1 -hmac 'testsecret&' -binary | base64
    expect(signRpc('POST', describeRegions, 'testsecret')).toBe('MxbnVAM4w6sft9xjVpe/GCKueuk=');
  });

  it('percent-encodes as RFC 3986: space %20, * %2A, ~ kept, and the characters encodeURIComponent skips', () => {
    // python3 -c "from urllib.parse import quote; print(quote(\"a b*c~d!'()+/\", safe='~'))"
    expect(percentEncode("a b*c~d!'()+/")).toBe('a%20b%2Ac~d%21%27%28%29%2B%2F');
    expect(percentEncode('公益')).toBe('%E5%85%AC%E7%9B%8A');
  });
});
