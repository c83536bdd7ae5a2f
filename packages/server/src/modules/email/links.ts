/** Where a token leads: the one-click unsubscribe, the preferences page, and the mailto: fallback. */
export interface UnsubscribeLinks {
  unsubscribeUrl: string;
  preferencesUrl: string;
  mailto: string;
}

/** The public pages that will serve these paths come with the campaign sender. */
export const unsubscribeLinks = (publicUrl: string, unsubscribeMailbox: string, token: string): UnsubscribeLinks => ({
  unsubscribeUrl: `${publicUrl}/email/unsubscribe/${token}`,
  preferencesUrl: `${publicUrl}/email/preferences/${token}`,
  mailto: `mailto:${unsubscribeMailbox}?subject=unsubscribe%20${token}`,
});
