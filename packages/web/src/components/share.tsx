import type { ReactNode } from 'react';
import { App, Button, Card, Input, QRCode, Space, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { useT } from '../i18n';

/** Saves a URL (a data: or blob: URL) as a file. */
export const download = (href: string, name: string) => {
  const link = document.createElement('a');
  link.download = name;
  link.href = href;
  link.click();
};

/** Copies text, saying whether the browser allowed it. */
export function useCopy() {
  const t = useT();
  const { message } = App.useApp();
  return async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('common.copied'));
    } catch {
      message.warning(t('common.copyFailed'));
    }
  };
}

/** A public page's QR code, to download for posters and leaflets; `children` adds more buttons. */
export function QrCard(props: {
  title: string;
  url: string;
  id: string;
  downloadLabel: string;
  fileName: string;
  children?: ReactNode;
}) {
  const canvas = () => document.querySelector<HTMLCanvasElement>(`#${props.id} canvas`);
  return (
    <Card size="small" title={props.title}>
      <Space direction="vertical" align="center" style={{ width: '100%' }}>
        <div id={props.id}>
          <QRCode value={props.url} size={220} bgColor="#fff" />
        </div>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => {
              const qr = canvas();
              if (qr) download(qr.toDataURL('image/png'), props.fileName);
            }}
          >
            {props.downloadLabel}
          </Button>
          {props.children}
        </Space>
      </Space>
    </Card>
  );
}

/** A link or an embed code, with a copy button and what it is for. */
export function CopyCard(props: { title: string; value: string; help: ReactNode; multiline?: boolean }) {
  const t = useT();
  const copy = useCopy();
  const button = (
    <Button
      icon={<CopyOutlined />}
      onClick={() => void copy(props.value)}
      style={props.multiline ? { marginTop: 8 } : {}}
    >
      {t('common.copy')}
    </Button>
  );
  return (
    <Card size="small" title={props.title} style={{ marginBottom: 16 }}>
      {props.multiline ? (
        <>
          <Input.TextArea readOnly value={props.value} autoSize={{ minRows: 3 }} aria-label={props.title} />
          {button}
        </>
      ) : (
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={props.value} aria-label={props.title} />
          {button}
        </Space.Compact>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {props.help}
      </Typography.Paragraph>
    </Card>
  );
}
