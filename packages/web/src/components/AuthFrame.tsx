import type { ReactNode } from 'react';
import { Card, Segmented, Typography } from 'antd';
import { useI18n, type Locale } from '../i18n';

/** The centered card around sign-in, setup and invitation pages, with the language switch. */
export function AuthFrame({ title, children }: { title: ReactNode; children: ReactNode }) {
  const { locale, setLocale } = useI18n();
  return (
    <div className="cw-auth">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
        }
        extra={
          <Segmented<Locale>
            size="small"
            value={locale}
            onChange={setLocale}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'EN' },
            ]}
          />
        }
      >
        {children}
      </Card>
    </div>
  );
}
