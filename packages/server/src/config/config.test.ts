import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.SECRET_KEY).toHaveLength(64);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
  });

  it('derives the public address from the port unless it is given', () => {
    expect(loadConfig({ PORT: '3555' }).PUBLIC_URL).toBe('http://localhost:3555');
    expect(loadConfig({ PORT: '3555', PUBLIC_URL: 'https://ngo.example.org/' }).PUBLIC_URL).toBe(
      'https://ngo.example.org',
    );
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SECRET_KEY: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('SECRET_KEY');
    }
  });

  it('takes an inbound email secret of at least 24 characters, off without one', () => {
    expect(loadConfig({}).EMAIL_INBOUND_SECRET).toBeUndefined();
    expect(loadConfig({ EMAIL_INBOUND_SECRET: 'x'.repeat(24) }).EMAIL_INBOUND_SECRET).toBe('x'.repeat(24));
    expect(() => loadConfig({ EMAIL_INBOUND_SECRET: 'short' })).toThrow(/EMAIL_INBOUND_SECRET/);
  });

  it('asks for the Tencent captcha keys only when that captcha is chosen', () => {
    expect(loadConfig({}).CAPTCHA_PROVIDER).toBe('pow');
    expect(() => loadConfig({ CAPTCHA_PROVIDER: 'recaptcha' })).toThrow(/CAPTCHA_PROVIDER/);
    try {
      loadConfig({ CAPTCHA_PROVIDER: 'tencent', TENCENT_CAPTCHA_APP_ID: '190012345' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'TENCENT_CAPTCHA_APP_SECRET_KEY: required when CAPTCHA_PROVIDER=tencent',
        'TENCENT_CAPTCHA_SECRET_ID: required when CAPTCHA_PROVIDER=tencent',
        'TENCENT_CAPTCHA_SECRET_KEY: required when CAPTCHA_PROVIDER=tencent',
      ]);
    }
  });
});
