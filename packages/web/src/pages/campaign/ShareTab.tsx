import { useState } from 'react';
import { App, Button, Card, Col, Input, QRCode, Row, Space, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined, PictureOutlined } from '@ant-design/icons';
import type { Campaign } from '../../api/fundraising';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { errorMessage } from '../../components/errors';
import { drawPoster } from './poster';

const download = (href: string, name: string) => {
  const link = document.createElement('a');
  link.download = name;
  link.href = href;
  link.click();
};

/** The campaign's link, QR code, poster and embed code: for WeChat groups, Moments, leaflets and the website. */
export function ShareTab({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const scope = useOrg();
  const { message } = App.useApp();
  const [drawing, setDrawing] = useState(false);
  const url = `${window.location.origin}${campaign.publicUrl}`;
  const embed = `<iframe src="${url}/widget" width="100%" height="190" style="border:0;max-width:480px" loading="lazy" title="${campaign.copy.title.replaceAll('"', '&quot;')}"></iframe>`;
  const published = campaign.status === 'live' || campaign.status === 'closed';
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('common.copied'));
    } catch {
      message.warning(t('common.copyFailed'));
    }
  };
  const qrCanvas = () => document.querySelector<HTMLCanvasElement>('#campaign-qr canvas');
  const poster = async () => {
    const qr = qrCanvas();
    if (!qr) return;
    setDrawing(true);
    try {
      const blob = await drawPoster({
        title: campaign.copy.title,
        summary: campaign.copy.summary,
        orgName: scope.org.name,
        coverUrl: campaign.copy.coverUrl,
        qr,
        scanHint: t('campaigns.posterScan'),
      });
      const href = URL.createObjectURL(blob);
      download(href, `${campaign.slug}-poster.png`);
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setDrawing(false);
    }
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
            <Space wrap>
              <Button
                icon={<DownloadOutlined />}
                onClick={() => download(qrCanvas()!.toDataURL('image/png'), `${campaign.slug}-qr.png`)}
              >
                {t('campaigns.downloadQr')}
              </Button>
              <Button icon={<PictureOutlined />} loading={drawing} onClick={() => void poster()}>
                {t('campaigns.poster')}
              </Button>
            </Space>
            <Typography.Text type="secondary">{t('campaigns.posterHelp')}</Typography.Text>
          </Space>
        </Card>
      </Col>
      <Col xs={24} md={14}>
        <Card size="small" title={t('campaigns.link')} style={{ marginBottom: 16 }}>
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
        <Card size="small" title={t('campaigns.embed')}>
          <Input.TextArea readOnly value={embed} autoSize={{ minRows: 3 }} />
          <Button icon={<CopyOutlined />} onClick={() => void copy(embed)} style={{ marginTop: 8 }}>
            {t('common.copy')}
          </Button>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('campaigns.embedHelp')}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}
