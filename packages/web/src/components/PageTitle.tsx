import type { ReactNode } from 'react';

/** A page's heading, with its main actions on the right. */
export function PageTitle({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="cw-page-title">
      <h2>{title}</h2>
      {extra && <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{extra}</div>}
    </div>
  );
}
