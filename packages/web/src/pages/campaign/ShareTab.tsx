import { App, Button, Card, Col, Input, QRCode, Row, Space, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import type { Campaign } from '../../api/fundraising';
import { useT } from '../../i18n';

/** The campaign's link and QR code, to put in WeChat groups, Moments, posters and leaflets. */
export function ShareTab({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const { message } = App.useApp();
  const url = `${window.location.origin}${campaign.publicUrl}`;
  const published = campaign.status === 'live' || campaign.status === 'closed';
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('common.copied'));
    } catch {
      message.warning(t('common.copyFailed'));
    }
  };
  const downloadQr = () => {
    const canvas = document.querySelector<HTMLCanvasElement>('#campaign-qr canvas');
    if (!canvas) return;
    const link = document.createElement('a');
    link.download = `${campaign.slug}-qr.png`;
    link.href = canvas.toDataURL('image/png');
    link.click();
  };
  if (!published)
    return <Typography.Paragraph type="secondary">{t('campaigns.shareAfterApproval')}</Typography.Paragraph>;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={10}>
        <Card size="small" title={t('campaigns.qr')}>
          <Space direction="vertical" align="center" style={{ width: '100%' }}>
            <div id="campaign-qr">
              <QRCode value={url} size={220} bgColor="#fff" />
            </div>
            <Button icon={<DownloadOutlined />} onClick={downloadQr}>
              {t('campaigns.downloadQr')}
            </Button>
          </Space>
        </Card>
      </Col>
      <Col xs={24} md={14}>
        <Card size="small" title={t('campaigns.link')}>
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={url} />
            <Button icon={<CopyOutlined />} onClick={() => void copy(url)}>
              {t('common.copy')}
            </Button>
          </Space.Compact>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('campaigns.shareHelp')}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}
