import { describe, expect, it } from 'vitest';
import type { Mailing } from '../../api/mailings';
import {
  blocksToHtml,
  contentOf,
  contentWithIndex,
  mailingBody,
  newBlock,
  valuesOf,
  type MailingValues,
} from './mailingValues';

const values = (over: Partial<MailingValues> = {}): MailingValues => ({
  name: ' 三月通讯 ',
  subject: '{{ greeting }}，三月的好消息',
  purpose: 'newsletter',
  fromName: '  ',
  replyTo: '',
  audience: { segmentIds: [3], tags: ['志愿者'] },
  editor: 'blocks',
  blocks: [],
  html: '',
  text: '',
  ...over,
});

describe('the mailing editor values', () => {
  it('leave out blocks still being written, so a preview of a half-made email still renders', () => {
    const content = contentOf(
      values({
        blocks: [
          { type: 'heading', text: ' 图书角开张了 ' },
          newBlock('paragraph'),
          newBlock('button'),
          { type: 'button', text: '看看照片', url: 'https://example.org/photos' },
          { type: 'image', src: 'https://example.org/a.jpg', alt: ' ' },
          newBlock('image'),
          newBlock('divider'),
        ],
      }),
    );
    expect(content).toEqual({
      editor: 'blocks',
      blocks: [
        { type: 'heading', text: '图书角开张了' },
        { type: 'button', text: '看看照片', url: 'https://example.org/photos' },
        { type: 'image', src: 'https://example.org/a.jpg' },
        { type: 'divider' },
      ],
    });
  });

  it('save only the way of writing chosen, and blank sender fields as null', () => {
    const body = mailingBody(values({ editor: 'code', html: '<p>{{ greeting }}</p>', text: '  ', blocks: [] }));
    expect(body).toEqual({
      name: '三月通讯',
      subject: '{{ greeting }}，三月的好消息',
      purpose: 'newsletter',
      fromName: null,
      replyTo: null,
      content: { editor: 'code', html: '<p>{{ greeting }}</p>' },
      audience: { segmentIds: [3], tags: ['志愿者'] },
    });
    expect(mailingBody(values({ editor: 'code', html: '<p>x</p>', text: 'x' })).content).toEqual({
      editor: 'code',
      html: '<p>x</p>',
      text: 'x',
    });
  });

  it('come from a saved mailing with the other way of writing empty', () => {
    const saved = {
      name: 'n',
      subject: 's',
      purpose: 'events',
      fromName: null,
      replyTo: 'office@example.org',
      content: { editor: 'code', html: '<p>hi</p>' },
      audience: { segmentIds: [], tags: [] },
    } as unknown as Mailing;
    expect(valuesOf(saved)).toMatchObject({
      fromName: '',
      replyTo: 'office@example.org',
      editor: 'code',
      blocks: [],
      html: '<p>hi</p>',
      text: '',
    });
  });

  it('turn blocks into escaped HTML that keeps merge fields, to start the code editor from', () => {
    const html = blocksToHtml([
      { type: 'heading', text: 'A & B' },
      { type: 'paragraph', text: '{{ greeting }}：\n<谢谢>' },
      { type: 'button', text: '捐赠', url: 'https://example.org/give?a=1&b=2' },
      { type: 'divider' },
    ]);
    const lines = html.split('\n');
    expect(lines.slice(0, 3)).toEqual(['<h2>A &amp; B</h2>', '<p>{{ greeting }}：<br>', '&lt;谢谢&gt;</p>']);
    expect(lines[3]).toContain('href="https://example.org/give?a=1&amp;b=2"');
    expect(lines[3]).toContain('>捐赠</a>');
    expect(lines[4]).toBe('<hr>');
  });
});

describe('the preview of blocks', () => {
  it('knows where on screen each block it sends is, so a template problem is shown at the right block', () => {
    const { blockIndex } = contentWithIndex(
      values({ blocks: [newBlock('paragraph'), { type: 'paragraph', text: '{{ oops' }, newBlock('divider')] }),
    );
    expect(blockIndex).toEqual([1, 2]);
  });
});
