import type { surveyZh } from './messages-survey.ts';

export const surveyEn: Record<keyof typeof surveyZh, string> = {
  'survey.title': 'How was your mediation?',
  'survey.loading': 'Opening…',
  'survey.greeting': 'Hello, {name}.',
  'survey.case': 'Case {number}, mediated by {org}',
  'survey.question': 'Were you satisfied with the mediation? One tap is enough.',
  'survey.thanks': 'Thank you for your answer!',
  'survey.yourAnswer': 'Your answer: {answer}',
  'survey.noLink': 'The link is incomplete. Open the link your mediator sent again.',
  'survey.invalid': 'This link is not valid or has expired. Please contact your mediator.',
  'survey.closed': 'This case is closed and its follow-up is over; there is nothing more to answer. Thank you!',
};
