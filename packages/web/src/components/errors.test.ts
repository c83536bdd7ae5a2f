import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { errorMessage, fieldNamePath } from './errors';

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
    expect(errorMessage(error)).toBe('Some fields are not valid (phone: not a phone number)');
    expect(errorMessage(new Error('boom'))).toBe('boom');
  });
});
