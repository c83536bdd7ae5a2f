import { describe, expect, it } from 'vitest';
import { mergeFieldsFor, renderEmail } from '../email/index.ts';
import { compileMailing, templateSource, textFromHtml } from './content.ts';

const fields = mergeFieldsFor({
  contactName: '<i>李雷</i>',
  organizationName: '绿洲治沙',
  unsubscribeUrl: 'https://ngo.example.org/email/unsubscribe/t',
  preferencesUrl: 'https://ngo.example.org/email/preferences/t',
});

describe('mailing content', () => {
  it('turns blocks into email-safe HTML and a text part, merge values escaped in HTML only', () => {
    const template = compileMailing('{{ greeting }}', {
      editor: 'blocks',
      blocks: [
        { type: 'heading', text: 'A & B <标题>' },
        { type: 'paragraph', text: '{{ greeting }}：\n第二行' },
        { type: 'image', src: 'https://ngo.example.org/a.jpg', alt: '梭梭' },
        { type: 'divider' },
        { type: 'button', text: '捐一笔', url: 'https://ngo.example.org/give?a=1&b=2' },
      ],
    });
    const email = renderEmail(template, fields);
    expect(email.subject).toBe('尊敬的<i>李雷</i>');
    expect(email.html).toContain('A &#38; B &#60;标题&#62;');
    expect(email.html).toContain('尊敬的&lt;i&gt;李雷&lt;/i&gt;：<br>第二行');
    expect(email.html).toContain('href="https://ngo.example.org/give?a=1&#38;b=2"');
    expect(email.html).toContain('alt="梭梭"');
    expect(email.text).toContain(
      '尊敬的<i>李雷</i>：\n第二行\n\n[梭梭]\n\n----\n\n捐一笔：https://ngo.example.org/give?a=1&b=2',
    );
  });

  it('makes the text part of hand-written HTML when none is given', () => {
    expect(
      textFromHtml(
        '<style>p{}</style><h1>标题</h1><p>一 &amp; 二&nbsp;三</p><!-- x --><p><a href="https://a.example">链接</a></p>',
      ),
    ).toBe('标题\n一 & 二 三\n链接（https://a.example）');
    expect(templateSource('s', { editor: 'code', html: '<p>x</p>', text: '自己写的' }).text).toBe('自己写的');
  });
});
