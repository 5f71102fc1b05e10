import { baseZh } from './messages-base.ts';
import { commonZh } from './messages-common.ts';
import { commonEn } from './messages-common.en.ts';
import { baseEn } from './messages-base.en.ts';
import { hostZh } from './messages-host.ts';
import { hostEn } from './messages-host.en.ts';
import { staffZh } from './messages-staff.ts';
import { staffEn } from './messages-staff.en.ts';
import { casesZh } from './messages-cases.ts';
import { casesEn } from './messages-cases.en.ts';
import { joinZh } from './messages-join.ts';
import { joinEn } from './messages-join.en.ts';
import { roomZh } from './messages-room.ts';
import { roomEn } from './messages-room.en.ts';
import { agreementZh } from './messages-agreement.ts';
import { agreementEn } from './messages-agreement.en.ts';
import { outcomeZh } from './messages-outcome.ts';
import { outcomeEn } from './messages-outcome.en.ts';
import { confirmationZh } from './messages-confirmation.ts';
import { confirmationEn } from './messages-confirmation.en.ts';
import { dashboardZh } from './messages-dashboard.ts';
import { dashboardEn } from './messages-dashboard.en.ts';
import { sessionEndZh } from './messages-session-end.ts';
import { sessionEndEn } from './messages-session-end.en.ts';
import { intakeZh } from './messages-intake.ts';
import { intakeEn } from './messages-intake.en.ts';
import { ledgerZh } from './messages-ledger.ts';
import { ledgerEn } from './messages-ledger.en.ts';
import { surveyZh } from './messages-survey.ts';
import { surveyEn } from './messages-survey.en.ts';
import { dispatchZh } from './messages-dispatch.ts';
import { dispatchEn } from './messages-dispatch.en.ts';

/**
 * Every catalog in one object per language: the type of a message key, and what tests read. The
 * app itself never imports this at run time; it loads catalogs by group as pages need them
 * (catalogs.ts), so a resident's phone downloads neither staff texts nor English.
 */
export const zhCN = { ...baseZh, ...commonZh, ...staffZh, ...hostZh, ...casesZh, ...joinZh, ...roomZh, ...agreementZh, ...outcomeZh, ...confirmationZh, ...dashboardZh, ...sessionEndZh, ...intakeZh, ...ledgerZh, ...surveyZh, ...dispatchZh };

export type MessageKey = keyof typeof zhCN;

export const en: Record<MessageKey, string> = { ...baseEn, ...commonEn, ...staffEn, ...hostEn, ...casesEn, ...joinEn, ...roomEn, ...agreementEn, ...outcomeEn, ...confirmationEn, ...dashboardEn, ...sessionEndEn, ...intakeEn, ...ledgerEn, ...surveyEn, ...dispatchEn };
