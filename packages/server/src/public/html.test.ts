import { describe, expect, it } from 'vitest';
import { html } from './html.ts';

describe('html templates', () => {
  it('escapes interpolated text and attributes, and keeps nested templates', () => {
    const name = '<script>alert("x")</script> & \'q\'';
    const page = html`<p title="${name}">${name}</p>
      ${html`<b>${1}</b>`}${[html`<i>a</i>`, '<i>']}${null}${false}`;
    // Prettier may break the template across lines; the whitespace between tags does not matter.
    expect(page.value.replace(/\n\s*/g, '')).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</p><b>1</b><i>a</i>&lt;i&gt;',
    );
  });
});
