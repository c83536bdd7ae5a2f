import type { Lang } from './i18n.ts';

const zhCN = {
  where: '地点',
  when: '时间',
  skills: '需要的技能',
  chooseShifts: '选择班次',
  chooseHint: '可以选择多个班次',
  placesLeft: (n: number) => `剩余 ${n} 个名额`,
  unlimited: '名额不限',
  full: '已满',
  fullWaitlist: '已满，可报名候补',
  started: '已开始',
  submit: '报名',
  closed: '这个志愿活动已经停止报名，谢谢你的关注。',
  notFound: '没有找到这个志愿活动。',
  thanks: '报名成功，谢谢你！活动开始前我们会提醒你。',
  thanksWaitlisted: '你已进入候补名单：有人取消时，我们会按报名顺序为你转为正式报名。',
  shiftFull: '你选的班次刚刚报满了，请换一个班次。',
  shiftStarted: '你选的班次已经开始了，请换一个班次。',
  shiftUnknown: '请从列表中选择班次',
  chooseOne: '请至少选择一个班次',
};

const en: VolunteerTexts = {
  where: 'Where',
  when: 'When',
  skills: 'Skills wanted',
  chooseShifts: 'Choose your shifts',
  chooseHint: 'You may choose more than one',
  placesLeft: (n) => `${n} ${n === 1 ? 'place' : 'places'} left`,
  unlimited: 'No limit',
  full: 'Full',
  fullWaitlist: 'Full: join the waiting list',
  started: 'Started',
  submit: 'Sign up',
  closed: 'This opportunity is no longer taking sign-ups. Thank you for your interest.',
  notFound: 'No such volunteer opportunity.',
  thanks: 'You are signed up. Thank you! We will remind you before it starts.',
  thanksWaitlisted: 'You are on the waiting list: when someone cancels, places go to the waiting list in order.',
  shiftFull: 'A shift you chose has just filled up: please choose another.',
  shiftStarted: 'A shift you chose has already started: please choose another.',
  shiftUnknown: 'Choose a shift from the list',
  chooseOne: 'Choose at least one shift',
};

export type VolunteerTexts = typeof zhCN;

const texts: Record<Lang, VolunteerTexts> = { 'zh-CN': zhCN, en };
export const volunteerTextsFor = (lang: Lang) => texts[lang];
