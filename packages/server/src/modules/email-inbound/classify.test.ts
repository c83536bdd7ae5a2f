import { describe, expect, it } from 'vitest';
import { addressOf, classifyInbound } from './classify.ts';

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

// RFC 3464 appendix A.3: three recipients, one delayed; the original message returned.
const rfc3464MultiRecipient = crlf(`Date: Fri, 8 Jul 1994 09:21:47 -0400
From: Mail Delivery Subsystem <MAILER-DAEMON@CS.UTK.EDU>
Subject: Returned mail: User unknown
To: <owner-info-mime@cs.utk.edu>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
    boundary="JAA13167.773673707/CS.UTK.EDU"

--JAA13167.773673707/CS.UTK.EDU
content-type: text/plain; charset=us-ascii

   ----- The following addresses had delivery problems -----
<arathib@vnet.ibm.com>  (unrecoverable error)
<wsnell@sdcc13.ucsd.edu>  (unrecoverable error)

--JAA13167.773673707/CS.UTK.EDU
content-type: message/delivery-status

Reporting-MTA: dns; cs.utk.edu

Original-Recipient: rfc822;arathib@vnet.ibm.com
Final-Recipient: rfc822;arathib@vnet.ibm.com
Action: failed
Status: 5.0.0 (permanent failure)
Diagnostic-Code: smtp; 550 'arathib@vnet.IBM.COM' is not a
    registered gateway user
Remote-MTA: dns; vnet.ibm.com

Original-Recipient: rfc822;johnh@hpnjld.njd.hp.com
Final-Recipient: rfc822;johnh@hpnjld.njd.hp.com
Action: delayed
Status: 4.0.0 (hpnjld.njd.jp.com: host name lookup failure)

Original-Recipient: rfc822;wsnell@sdcc13.ucsd.edu
Final-Recipient: rfc822;wsnell@sdcc13.ucsd.edu
Action: failed
Status: 5.0.0
Diagnostic-Code: smtp; 550 user unknown
Remote-MTA: dns; sdcc13.ucsd.edu

--JAA13167.773673707/CS.UTK.EDU
content-type: message/rfc822

From: owner-info-mime@cs.utk.edu
Message-ID: <original-1@cs.utk.edu>
X-Commonweal-Send-Id: message=mailing-7; recipient=c42
Subject: hello

[original message goes here]
--JAA13167.773673707/CS.UTK.EDU--
`);

// RFC 3464 appendix A.1: "failed" after five days of 4.x.x, which is no proof the address is dead.
const rfc3464Timeout = crlf(`Date: Thu, 7 Jul 1994 17:16:05 -0400
From: Mail Delivery Subsystem <MAILER-DAEMON@CS.UTK.EDU>
Message-Id: <199407072116.RAA14128@CS.UTK.EDU>
Subject: Returned mail: Cannot send message for 5 days
To: <owner-info-mime@cs.utk.edu>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
    boundary="RAA14128.773615765/CS.UTK.EDU"

--RAA14128.773615765/CS.UTK.EDU

   The original message was received at Sat, 2 Jul 1994 17:10:28 -0400

--RAA14128.773615765/CS.UTK.EDU
content-type: message/delivery-status

Reporting-MTA: dns; cs.utk.edu

Original-Recipient: rfc822;louisl@larry.slip.umd.edu
Final-Recipient: rfc822;louisl@larry.slip.umd.edu
Action: failed
Status: 4.0.0
Diagnostic-Code: smtp; 426 connection timed out
Last-Attempt-Date: Thu, 7 Jul 1994 17:15:49 -0400

--RAA14128.773615765/CS.UTK.EDU
content-type: message/rfc822

[original message goes here]
--RAA14128.773615765/CS.UTK.EDU--
`);

// RFC 5965 appendix B.1: a complaint with the whole original message returned inline.
const rfc5965 = crlf(`From: <abusedesk@example.com>
Date: Thu, 8 Mar 2005 17:40:36 EDT
Subject: FW: Earn money
To: <abuse@example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report;
     boundary="part1_13d.2e68ed54_boundary"

--part1_13d.2e68ed54_boundary
Content-Type: text/plain; charset="US-ASCII"
Content-Transfer-Encoding: 7bit

This is an email abuse report for an email message received from IP
192.0.2.1 on Thu, 8 Mar 2005 14:00:00 EDT.  For more information
about this format please see http://www.mipassoc.org/arf/.

--part1_13d.2e68ed54_boundary
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: SomeGenerator/1.0
Version: 1
Original-Mail-From: <somespammer@example.net>
Original-Rcpt-To: <user@example.com>
Arrival-Date: Thu, 8 Mar 2005 14:00:00 EDT
Reporting-MTA: dns; mail.example.com
Source-IP: 192.0.2.1
Authentication-Results: mail.example.com;
               spf=fail smtp.mail=somespammer@example.com
Reported-Domain: example.net
Reported-Uri: http://example.net/earn_money.html
Reported-Uri: mailto:user@example.com
Removal-Recipient: user@example.com

--part1_13d.2e68ed54_boundary
Content-Type: message/rfc822
Content-Disposition: inline

From: <somespammer@example.net>
Received: from mailserver.example.net
        (mailserver.example.net [192.0.2.1])
        by example.com with ESMTP id M63d4137594e46;
        Thu, 08 Mar 2005 14:00:00 -0400
To: <Undisclosed Recipients>
Subject: Earn money
MIME-Version: 1.0
Content-type: text/plain
Message-ID: 8787KJKJ3K4J3K4J3K4J3.mail@example.net
Date: Thu, 02 Sep 2004 12:31:03 -0500

Spam Spam Spam
Spam Spam Spam
--part1_13d.2e68ed54_boundary--
`);

describe('classifyInbound', () => {
  it('reads the permanent failures of an RFC 3464 report and the copy it returns', async () => {
    const verdict = await classifyInbound(rfc3464MultiRecipient);
    expect(verdict).toEqual({
      kind: 'bounce',
      reportId: undefined,
      copy: { sendId: { messageId: 'mailing-7', recipientId: 'c42' }, messageId: 'original-1@cs.utk.edu' },
      bounces: [
        {
          finalRecipient: 'arathib@vnet.ibm.com',
          originalRecipient: 'arathib@vnet.ibm.com',
          status: '5.0.0',
          diagnostic: "smtp; 550 'arathib@vnet.IBM.COM' is not a registered gateway user",
        },
        {
          finalRecipient: 'wsnell@sdcc13.ucsd.edu',
          originalRecipient: 'wsnell@sdcc13.ucsd.edu',
          status: '5.0.0',
          diagnostic: 'smtp; 550 user unknown',
        },
      ],
    });
  });

  it('ignores a report whose only failure is a 4.x.x', async () => {
    expect(await classifyInbound(rfc3464Timeout)).toEqual({
      kind: 'other',
      reportId: '199407072116.RAA14128@CS.UTK.EDU',
      why: 'delivery report without a permanent failure',
    });
  });

  it('reads an RFC 5965 feedback report as a complaint', async () => {
    expect(await classifyInbound(rfc5965)).toEqual({
      kind: 'complaint',
      reportId: undefined,
      copy: { sendId: undefined, messageId: '8787KJKJ3K4J3K4J3K4J3.mail@example.net' },
      feedbackType: 'abuse',
      recipient: 'user@example.com',
    });
    const notSpam = rfc5965.replace('Feedback-Type: abuse', 'Feedback-Type: not-spam');
    expect((await classifyInbound(notSpam)).kind).toBe('other');
  });

  it('finds an unsubscribe token in an encoded subject or in the body', async () => {
    const token = 'u1.abcd1234.WyJ4Il0.c2lnbmF0dXJl';
    const subject = `=?UTF-8?B?${Buffer.from(`Re: unsubscribe ${token}`).toString('base64')}?=`;
    const bySubject = crlf(`From: a@example.org\nTo: news@ngo.example.org\nSubject: ${subject}\n\n退订\n`);
    expect(await classifyInbound(bySubject)).toMatchObject({ kind: 'unsubscribe', token });
    const byBody = crlf(`From: a@example.org\nSubject: 退订\nMessage-ID: <x@y>\n\nplease\nunsubscribe ${token}\n`);
    expect(await classifyInbound(byBody)).toEqual({ kind: 'unsubscribe', reportId: 'x@y', token });
  });

  it('says why anything else is ignored, and never throws on garbage', async () => {
    expect(await classifyInbound('')).toMatchObject({ kind: 'other', why: 'empty message' });
    expect(await classifyInbound('\u0000\u0001 garbage')).toMatchObject({ kind: 'other' });
    expect(await classifyInbound(Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x0a]))).toMatchObject({ kind: 'other' });
    const reply = crlf('From: a@example.org\nSubject: 谢谢\n\n谢谢你们的工作\n');
    expect(await classifyInbound(reply)).toMatchObject({ kind: 'other', why: 'neither a report nor an unsubscribe' });
    const broken = crlf(
      'From: x@y\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: message/delivery-status\n\nAction: failed\n',
    );
    expect(await classifyInbound(broken)).toMatchObject({ kind: 'other' });
    const deep = `Content-Type: multipart/mixed; boundary=b\r\n\r\n${'--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n'.repeat(50)}`;
    expect(await classifyInbound(deep)).toMatchObject({ kind: 'other' });
  });

  it('reads encoded returned headers and a report inside a forwarded multipart', async () => {
    const headers = Buffer.from(
      'From: news@ngo.example.org\r\nMessage-ID: <0123456789abcdef0123456789abcdef@ngo.example.org>\r\n',
    ).toString('base64');
    const wrapped = crlf(`From: forwarder@example.net
Content-Type: multipart/mixed; boundary=outer

--outer
Content-Type: text/plain

Forwarded.
--outer
Content-Type: multipart/report; report-type=delivery-status; boundary=inner

--inner
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com

Final-Recipient: rfc822; Who@Example.org
Action: failed
Status: 5.1.1

--inner
Content-Type: text/rfc822-headers
Content-Transfer-Encoding: base64

${headers}
--inner--
--outer--
`);
    expect(await classifyInbound(wrapped)).toMatchObject({
      kind: 'bounce',
      copy: { messageId: '0123456789abcdef0123456789abcdef@ngo.example.org' },
      bounces: [{ finalRecipient: 'who@example.org', status: '5.1.1' }],
    });
  });

  it('reads rfc822 addresses only', () => {
    expect(addressOf('rfc822; <A@B.example>')).toBe('a@b.example');
    expect(addressOf('x400; /c=us/')).toBeUndefined();
    expect(addressOf('rfc822; not an address')).toBeUndefined();
  });
});
