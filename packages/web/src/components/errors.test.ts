import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { errorStatus } from '../../../server/src/errors/codes.ts';
import { isMessageKey } from '../i18n/translate';
import { errorHeadline, errorMessage, fieldNamePath } from './errors';

describe('field errors', () => {
  it('maps server paths onto form name paths', () => {
    expect(fieldNamePath('body.phone')).toEqual(['phone']);
    expect(fieldNamePath('body.user.email')).toEqual(['user', 'email']);
    expect(fieldNamePath('body.tags.2')).toEqual(['tags', 2]);
    expect(fieldNamePath('querystring.limit')).toEqual(['limit']);
  });
  it('writes a message that names the fields', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Some fields are not valid', [
      { path: 'body.phone', message: 'not a phone number' },
    ]);
    expect(errorMessage(error, 'en')).toBe('Some fields are not valid (phone: not a phone number)');
    expect(errorMessage(new Error('boom'))).toBe('boom');
  });
  it("says in Chinese what the code means, keeping the server's words", () => {
    const error = new ApiError(409, 'CAMPAIGN_STATE', 'Only a draft can be submitted', []);
    expect(errorMessage(error, 'zh-CN')).toBe('募捐项目当前的状态不允许这项操作（Only a draft can be submitted）');
    expect(errorMessage(new ApiError(409, 'SOMETHING_NEW', 'Unknown', []), 'zh-CN')).toBe('Unknown');
  });
  it('keeps the headline short once the fields show their own problems', () => {
    const error = new ApiError(422, 'PLAN_INCOMPLETE', 'Complete the fundraising plan first', [
      { path: 'body.plan.filingNumber', message: 'required before the campaign goes public' },
    ]);
    expect(errorHeadline(error, 'en')).toBe('Complete the fundraising plan first');
    expect(errorHeadline(error, 'zh-CN')).toMatch(/^募捐方案还没填完整/);
    expect(errorHeadline(new Error('boom'))).toBe('boom');
  });
  it('has a Chinese and an English sentence for every code the server answers with', () => {
    const missing = [...Object.keys(errorStatus), 'NETWORK'].filter((code) => !isMessageKey(`apiError.${code}`));
    expect(missing).toEqual([]);
  });
});
