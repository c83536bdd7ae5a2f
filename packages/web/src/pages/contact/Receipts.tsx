import { useState } from 'react';
import { App, Button, Select, Space } from 'antd';
import { FileTextOutlined, LinkOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { api, apiUrl, ApiError } from '../../api/client';
import type { Contact } from '../../api/contacts';
import type { Gift } from '../../api/giving';
import { useT } from '../../i18n';
import { useOrg } from '../../lib/org';
import { errorMessage } from '../../components/errors';

interface Receipt {
  id: number;
  number: string;
  url: string;
  pdfUrl: string;
  officialReceiptNo: string | null;
}

/** Opens a gift's receipt (捐赠确认函), issuing it first for staff who may record gifts. */
export function ReceiptButton({ gift }: { gift: Gift }) {
  const t = useT();
  const scope = useOrg();
  const { message } = App.useApp();
  const canIssue = scope.can('gifts:write');
  const open = useMutation({
    mutationFn: () =>
      canIssue
        ? api.post<Receipt>(scope.path(`/gifts/${gift.id}/receipt`))
        : api.get<Receipt>(scope.path(`/gifts/${gift.id}/receipt`)),
    onSuccess: (receipt) => window.open(receipt.url, '_blank', 'noopener'),
    onError: (error) =>
      message.error(error instanceof ApiError && error.status === 404 ? t('receipts.notIssued') : errorMessage(error)),
  });
  return (
    <Button size="small" icon={<FileTextOutlined />} loading={open.isPending} onClick={() => open.mutate()}>
      {t('receipts.open')}
    </Button>
  );
}

/** The supporter's yearly statement (年度捐赠证明): a PDF for staff, a link for the donor. */
export function StatementButtons({ contact }: { contact: Contact }) {
  const t = useT();
  const scope = useOrg();
  const { message } = App.useApp();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const path = scope.path(`/contacts/${contact.id}/statement`);
  const copyLink = useMutation({
    mutationFn: () => api.get<{ url: string }>(path, { year }),
    onSuccess: async ({ url }) => {
      try {
        await navigator.clipboard.writeText(url);
        message.success(t('receipts.linkCopied'));
      } catch {
        message.info(url, 10);
      }
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  return (
    <Space.Compact>
      <Select
        value={year}
        onChange={setYear}
        style={{ width: 96 }}
        options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }))}
        aria-label={t('receipts.year')}
      />
      <Button icon={<FileTextOutlined />} href={apiUrl(path, { year, format: 'pdf' })}>
        {t('receipts.statement')}
      </Button>
      <Button icon={<LinkOutlined />} loading={copyLink.isPending} onClick={() => copyLink.mutate()}>
        {t('receipts.donorLink')}
      </Button>
    </Space.Compact>
  );
}
