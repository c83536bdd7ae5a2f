import { useState } from 'react';
import { App, Button, Col, Row, Typography } from 'antd';
import { PictureOutlined } from '@ant-design/icons';
import type { Campaign } from '../../api/fundraising';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { errorMessage } from '../../components/errors';
import { CopyCard, download, QrCard } from '../../components/share';
import { drawPoster } from './poster';

/** The campaign's link, QR code, poster and embed code: for WeChat groups, Moments, leaflets and the website. */
export function ShareTab({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const scope = useOrg();
  const { message } = App.useApp();
  const [drawing, setDrawing] = useState(false);
  const url = `${window.location.origin}${campaign.publicUrl}`;
  const embed = `<iframe src="${url}/widget" width="100%" height="190" style="border:0;max-width:480px" loading="lazy" title="${campaign.copy.title.replaceAll('"', '&quot;')}"></iframe>`;
  const published = campaign.status === 'live' || campaign.status === 'closed';
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
        <QrCard
          title={t('campaigns.qr')}
          url={url}
          id="campaign-qr"
          downloadLabel={t('campaigns.downloadQr')}
          fileName={`${campaign.slug}-qr.png`}
        >
          <Button icon={<PictureOutlined />} loading={drawing} onClick={() => void poster()}>
            {t('campaigns.poster')}
          </Button>
        </QrCard>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('campaigns.posterHelp')}
        </Typography.Paragraph>
      </Col>
      <Col xs={24} md={14}>
        <CopyCard title={t('campaigns.link')} value={url} help={t('campaigns.shareHelp')} />
        <CopyCard title={t('campaigns.embed')} value={embed} help={t('campaigns.embedHelp')} multiline />
      </Col>
    </Row>
  );
}
