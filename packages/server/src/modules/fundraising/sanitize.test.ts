import { describe, expect, it } from 'vitest';
import { sanitizeStory, storyFromText } from './sanitize.ts';

const image = '/media/0b6b1d2e-1f4a-4c8e-9a55-2b1d0e6f7a10/6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b.jpg';

describe('sanitizeStory', () => {
  it('keeps the story, drops scripts, handlers, styles and other sites', () => {
    const story = sanitizeStory(
      `<h1>民勤治沙</h1><p onclick="x()" style="color:red">每一棵<strong>梭梭</strong><script>alert(1)</script></p>` +
        `<img src="${image}" alt="树苗" onerror="x()"><img src="https://evil.example/t.gif">` +
        `<a href="javascript:alert(1)">x</a><a href="https://ngo.example/report">报告</a><iframe src="https://x"></iframe>`,
    );
    expect(story).toBe(
      `<h2>民勤治沙</h2><p>每一棵<strong>梭梭</strong></p><img src="${image}" alt="树苗" />` +
        `<a rel="noopener noreferrer nofollow" target="_blank">x</a>` +
        `<a href="https://ngo.example/report" rel="noopener noreferrer nofollow" target="_blank">报告</a>`,
    );
  });

  it('turns plain text into paragraphs, escaping markup', () => {
    expect(storyFromText('第一段\n第二行\n\n<b>第二段</b> & 更多')).toBe(
      '<p>第一段<br>第二行</p><p>&lt;b&gt;第二段&lt;/b&gt; &amp; 更多</p>',
    );
  });
});
