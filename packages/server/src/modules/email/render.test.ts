import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import { maxTemplateLength } from './liquid.ts';
import { mergeFieldsFor } from './merge-fields.ts';
import { compileEmailTemplate, renderEmail, type EmailTemplateSource } from './render.ts';

const fields = (contactName: string | null = '张三') =>
  mergeFieldsFor({
    contactName,
    organizationName: '绿色家园',
    unsubscribeUrl: 'https://ngo.example.org/u/tok?a=1&b=2',
    preferencesUrl: 'https://ngo.example.org/p/tok',
  });

const template: EmailTemplateSource = {
  subject: '{{ organization_name }}：{{ contact_name }}，春季通讯',
  html: '<p>{{ greeting }}：</p><p>感谢您的支持。</p>',
  text: '{{ greeting }}：\n感谢您的支持。',
};

const failure = (source: Partial<EmailTemplateSource>) => {
  try {
    compileEmailTemplate({ ...template, ...source });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the template compiled');
};

describe('renderEmail', () => {
  it('fills merge fields in the subject, the HTML body and the text part', () => {
    const email = renderEmail(compileEmailTemplate(template), fields());
    expect(email.subject).toBe('绿色家园：张三，春季通讯');
    expect(email.html).toContain('<p>尊敬的张三：</p>');
    expect(email.text).toMatch(/^尊敬的张三：\n感谢您的支持。/);
  });

  it('greets a contact without a name as 尊敬的支持者', () => {
    expect(renderEmail(compileEmailTemplate(template), fields(null)).text).toMatch(/^尊敬的支持者：/);
  });

  it('escapes merge data in the HTML body and leaves the text part as written', () => {
    const hostile = '<script>alert("x")</script>&';
    const email = renderEmail(compileEmailTemplate(template), fields(hostile));
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('尊敬的&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;');
    expect(email.text).toContain(`尊敬的${hostile}`);
    expect(email.subject).toContain(hostile);
  });

  it('puts the body in a table layout with the unsubscribe footer and no remote assets', () => {
    const { html, text } = renderEmail(compileEmailTemplate(template), fields());
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<table role="presentation"');
    expect(html).toContain('<!--[if mso]>');
    expect(html).toContain('href="https://ngo.example.org/u/tok?a=1&amp;b=2"');
    expect(html).toContain('href="https://ngo.example.org/p/tok"');
    expect(html).not.toMatch(/<link|<script|@import|url\(|src="https?:/);
    expect(text).toContain('退订：https://ngo.example.org/u/tok?a=1&b=2');
  });

  it('makes the subject one line', () => {
    const email = renderEmail(compileEmailTemplate({ ...template, subject: '第一行\r\nBcc: x@example.com' }), fields());
    expect(email.subject).toBe('第一行 Bcc: x@example.com');
  });

  it('does not treat merge data as template code', () => {
    const email = renderEmail(compileEmailTemplate(template), fields('{{ unsubscribe_url }}'));
    expect(email.text).toContain('尊敬的{{ unsubscribe_url }}');
  });
});

describe('compileEmailTemplate', () => {
  it('refuses a malformed template with its part, line and column', () => {
    const error = failure({ html: '<p>你好</p>\n<p>{{ greeting </p>' });
    expect(error.code).toBe('TEMPLATE_INVALID');
    expect(error.details).toEqual({ part: 'html', line: 2, column: 4 });
    expect(error.fields[0]).toMatchObject({ path: 'html' });
    expect(error.message).toContain('第 2 行第 4 列');
  });

  it('refuses an unclosed tag', () => {
    expect(failure({ text: '{% if greeting %}\n你好' }).details).toMatchObject({ part: 'text', line: 1 });
  });

  it('refuses an unknown variable where it is used', () => {
    const error = failure({ subject: '你好 {{ contact.phone }}' });
    expect(error.details).toEqual({ part: 'subject', line: 1, column: 7 });
    expect(error.message).toContain('contact');
  });

  it('refuses an unknown filter', () => {
    expect(failure({ text: '\n  {{ greeting | shout }}' }).details).toEqual({ part: 'text', line: 2, column: 3 });
  });

  it('refuses tags that read files', () => {
    expect(failure({ html: '{% include "/etc/passwd" %}' }).code).toBe('TEMPLATE_INVALID');
    expect(failure({ html: "{% render 'x' %}" }).code).toBe('TEMPLATE_INVALID');
  });

  it('allows logic over the merge fields and local variables', () => {
    const compiled = compileEmailTemplate({
      ...template,
      text: '{% assign n = contact_name | size %}{% if n > 0 %}{{ contact_name | upcase }}{% else %}朋友{% endif %}',
    });
    expect(renderEmail(compiled, fields('li')).text).toMatch(/^LI/);
  });

  it('refuses a part longer than the limit', () => {
    const error = failure({ html: 'a'.repeat(maxTemplateLength + 1) });
    expect(error.details).toMatchObject({ part: 'html' });
    expect(() => compileEmailTemplate({ ...template, html: 'a'.repeat(maxTemplateLength) })).not.toThrow();
  });

  it('applies the length limit per part, not to all templates compiled by the process', () => {
    const large = { ...template, html: 'a'.repeat(maxTemplateLength * 0.9) };
    for (let i = 0; i < 3; i++) expect(() => compileEmailTemplate(large)).not.toThrow();
  });

  it.each([
    ['a huge range', '{% for i in (1..100000000) %}x{% endfor %}'],
    ['nested loops', '{% for i in (1..3000) %}{% for j in (1..3000) %}{% endfor %}{% endfor %}'],
    [
      'a doubling string',
      '{% assign s = "xxxxxxxxxx" %}{% for i in (1..30) %}{% assign s = s | append: s %}{% endfor %}',
    ],
  ])('stops a runaway template (%s) with TEMPLATE_INVALID instead of hanging the send', (_name, text) => {
    const compiled = compileEmailTemplate({ ...template, text });
    expect(() => renderEmail(compiled, fields())).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID' }));
  });
});
