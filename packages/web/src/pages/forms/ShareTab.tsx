import { Col, Row, Typography } from 'antd';
import type { FormDef } from '../../api/forms';
import { useT } from '../../i18n';
import { CopyCard, QrCard } from '../../components/share';

/** The form's link, QR code and embed code: for WeChat groups, posters and the organization's website. */
export function ShareTab({ form }: { form: FormDef }) {
  const t = useT();
  const url = `${window.location.origin}${form.publicUrl}`;
  const embed = `<iframe src="${url}?embed=1" style="width:100%;min-height:640px;border:0"></iframe>`;
  if (form.status === 'draft')
    return <Typography.Paragraph type="secondary">{t('forms.shareAfterOpen')}</Typography.Paragraph>;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={10}>
        <QrCard
          title={t('forms.qr')}
          url={url}
          id="form-qr"
          downloadLabel={t('forms.downloadQr')}
          fileName={`${form.slug}-qr.png`}
        />
      </Col>
      <Col xs={24} md={14}>
        <CopyCard
          title={t('forms.link')}
          value={url}
          help={form.status === 'closed' ? t('forms.shareClosed') : t('forms.shareHelp')}
        />
        <CopyCard title={t('forms.embed')} value={embed} help={t('forms.embedHelp')} multiline />
      </Col>
    </Row>
  );
}
