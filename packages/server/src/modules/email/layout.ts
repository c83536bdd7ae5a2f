import { htmlLiquid } from './liquid.ts';
import type { MergeFields } from './merge-fields.ts';

// Tables, inline styles and system fonts: QQ Mail, 163 and Outlook drop <style> blocks in part,
// ignore flexbox and max-width, and no remote font or stylesheet is ever loaded. The MSO
// conditional gives Outlook (Word rendering) a fixed 600px column.
const layoutSource = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{{ subject }}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;">
<tr><td align="center" style="padding:16px 8px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:#ffffff;">
<tr><td style="padding:24px;font-family:'PingFang SC','Hiragino Sans GB','Microsoft YaHei',SimSun,Arial,sans-serif;font-size:16px;line-height:1.7;color:#1f2329;word-break:break-word;">
{{ body | raw }}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e5e6eb;font-family:'PingFang SC','Hiragino Sans GB','Microsoft YaHei',Arial,sans-serif;font-size:12px;line-height:1.6;color:#86909c;">
您收到这封邮件，是因为您订阅了{{ organization_name }}的消息。<br>
<a href="{{ preferences_url }}" style="color:#86909c;">管理订阅</a> · <a href="{{ unsubscribe_url }}" style="color:#86909c;">退订</a>
</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</body>
</html>
`;

const layout = htmlLiquid.parse(layoutSource);

/** The rendered HTML body inside the responsive layout, with the unsubscribe footer. */
export const wrapHtml = (body: string, subject: string, fields: MergeFields) =>
  htmlLiquid.renderSync(layout, { ...fields, subject, body }) as string;

/** The plain-text part ends with the same footer, as bare URLs. */
export const wrapText = (body: string, fields: MergeFields) =>
  `${body.trimEnd()}\n\n--\n您收到这封邮件，是因为您订阅了${fields.organization_name}的消息。\n管理订阅：${fields.preferences_url}\n退订：${fields.unsubscribe_url}\n`;
