import { useEffect, useState } from 'react';
import { Alert, Card, Col, Form, Row, Select, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { TagWithCount } from '../../api/contacts';
import type { Segment } from '../../api/lists';
import { useAudienceCount, type MailingAudience } from '../../api/mailings';
import { useSmsAudienceCount } from '../../api/sms';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { errorMessage } from '../../components/errors';

const noAudience: MailingAudience = { segmentIds: [], tags: [] };

/**
 * Who it goes to: segments and tags, with how many of those people can receive it, counted as staff
 * choose. Once sent, the count of today would mislead: the report has who it went to. SMS sends use it
 * too (`channel="sms"`): the same audience, counted for SMS consent and a mobile number.
 */
export function AudienceCard({ counted, channel = 'email' }: { counted: boolean; channel?: 'email' | 'sms' }) {
  const t = useT();
  const scope = useOrg();
  const form = Form.useFormInstance();
  const segments = useQuery({
    queryKey: ['segments', scope.org.slug],
    queryFn: () => api.get<Segment[]>(scope.path('/segments')),
  });
  const tags = useQuery({
    queryKey: ['tags', scope.org.slug],
    queryFn: () => api.get<TagWithCount[]>(scope.path('/tags')),
  });
  const audience = (Form.useWatch('audience', { form, preserve: true }) as MailingAudience | undefined) ?? noAudience;
  const purpose = (Form.useWatch('purpose', { form, preserve: true }) as string | undefined) ?? '';
  const current = JSON.stringify({
    audience: { segmentIds: audience.segmentIds ?? [], tags: audience.tags ?? [] },
    purpose,
  });
  const [settled, setSettled] = useState(current);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(current), 400);
    return () => clearTimeout(timer);
  }, [current]);
  const asked = JSON.parse(settled) as { audience: MailingAudience; purpose: string };
  const emailCount = useAudienceCount(asked.audience, asked.purpose, counted && channel === 'email');
  const smsCount = useSmsAudienceCount(asked.audience, asked.purpose, counted && channel === 'sms');
  const count = channel === 'sms' ? smsCount : emailCount;
  const empty = asked.audience.segmentIds.length === 0 && asked.audience.tags.length === 0;

  return (
    <Card size="small" title={t(channel === 'sms' ? 'sms.audience' : 'mailings.audience')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('mailings.audienceHelp')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name={['audience', 'segmentIds']}
            label={t('mailings.segments')}
            extra={
              <Link to={`/o/${scope.org.slug}/segments`} target="_blank">
                {t('mailings.manageSegments')}
              </Link>
            }
          >
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              loading={segments.isPending}
              placeholder={t('mailings.segmentsPlaceholder')}
              options={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['audience', 'tags']} label={t('mailings.tags')}>
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="title"
              loading={tags.isPending}
              placeholder={t('mailings.tagsPlaceholder')}
              options={(tags.data ?? []).map((tag) => ({
                value: tag.name,
                title: tag.name,
                label: `${tag.name}（${tag.contactCount}）`,
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      {!counted ? null : empty ? (
        <Alert type="info" showIcon message={t('mailings.audienceEmpty')} />
      ) : count.isError ? (
        <Alert type="error" showIcon message={errorMessage(count.error)} />
      ) : (
        <Alert
          type={count.data?.reachable === 0 ? 'warning' : 'success'}
          showIcon
          className="cw-audience-count"
          message={
            count.data ? (
              <span>
                {t(channel === 'sms' ? 'sms.audienceCount' : 'mailings.audienceCount', {
                  contacts: count.data.contacts,
                  reachable: count.data.reachable,
                })}
                {count.isFetching && <Spin size="small" style={{ marginInlineStart: 8 }} />}
              </span>
            ) : (
              <Spin size="small" />
            )
          }
        />
      )}
    </Card>
  );
}
