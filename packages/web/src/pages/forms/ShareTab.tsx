import { Col, Row, Typography } from 'antd';
import type { FormDef } from '../../api/forms';
import { useT } from '../../i18n';
import { CopyCard, QrCard } from '../../components/share';

/**
 * An iframe that grows to the form's height: the form's page posts its height, and the listener sets it
 * on the iframe that sent it (matched by its window, so another frame on the page cannot resize it).
 */
export const embedCode = (url: string, title: string) =>
  `<iframe src="${url}?embed=1" title="${title.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}" data-commonweal-form ` +
  `style="width:100%;height:640px;border:0"></iframe>\n` +
  `<script>addEventListener("message",function(e){var d=e.data;if(!d||d.commonweal!=="form-height")return;` +
  `document.querySelectorAll("iframe[data-commonweal-form]").forEach(function(f){` +
  `if(f.contentWindow===e.source)f.style.height=d.height+"px"})});</script>`;

/** The form's link, QR code and embed code: for WeChat groups, posters and the organization's website. */
export function ShareTab({ form }: { form: FormDef }) {
  const t = useT();
  const url = `${window.location.origin}${form.publicUrl}`;
  const embed = embedCode(url, form.title);
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
