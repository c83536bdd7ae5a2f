import type { JourneyStep } from '../modules/flows/index.ts';
import { html } from './html.ts';
import { day, entryRef, layout, money } from './layout.ts';

const labels: Record<JourneyStep['kind'], string> = {
  received: '收到捐赠',
  corrected: '记录更正',
  refunded: '退款',
  allocated: '拨付到项目',
  spent: '用于支出',
  sent: '转给合作机构',
  delivered: '项目交付',
};

export const FIFO_RULE =
  '同一项目中，先拨入的资金先被使用（先进先出）：每笔支出按时间顺序，依次从最早拨入、尚未用完的捐赠中扣除。';

/** /t/<code>: the journey of one gift, step by step, each with the log entry that proves it. */
export function trackingPage(journey: {
  org: { name: string; slug: string; timezone: string };
  code: string;
  voided: boolean;
  steps: JourneyStep[];
}) {
  const step = (s: JourneyStep) =>
    html`<li class="${s.kind === 'corrected' && s.what === 'void' ? 'void' : ''}">
      <div><b>${labels[s.kind]}</b> <span class="muted">${day(s.at, journey.org.timezone)}</span></div>
      <div>
        ${s.amount === null ? '' : html`<span class="amount">${money(s.amount, s.currency)}</span> `}${
          s.kind === 'corrected' ? (s.what === 'void' ? '这笔捐赠记录已作废' : '金额或信息已更正') : s.what
        }${s.project ? html` · <a href="/p/${journey.org.slug}/${s.project.slug}">${s.project.name}</a>` : ''}
      </div>
      ${entryRef(s.tracking)}
    </li>`;
  const spent = journey.steps.some((s) => s.kind === 'spent' || s.kind === 'sent');
  return layout(
    `捐赠追踪 ${journey.code}`,
    html`<p class="muted">${journey.org.name} · 透明捐</p>
      <h1>这笔捐赠去了哪里</h1>
      <p class="entry">追踪码 ${journey.code}</p>
      ${journey.voided ? html`<p class="notice">这笔捐赠记录已被机构更正作废，原记录仍保留在公示日志中。</p>` : ''}
      <div class="card">
        <ol class="steps">
          ${journey.steps.map(step)}
        </ol>
      </div>
      ${spent ? '' : html`<p class="muted">这笔捐赠还没有被使用。拨付和支出记录后，会出现在这里。</p>`}
      <h2>规则</h2>
      <p class="muted">${FIFO_RULE}</p>
      <p class="muted">
        本页只显示金额、日期和用途类别，从不显示捐赠人、受益人的个人信息。每一步都对应公示日志中的一条记录（记录编号），任何人都可以用它独立核验。
      </p>`,
  );
}

export const notFoundPage = (what: string) =>
  layout(
    '未找到',
    html`<h1>未找到</h1>
      <p>${what}</p>
      <p class="muted">请检查链接或追踪码是否完整。</p>`,
  );
