import writeExcelFile, { type Row } from 'write-excel-file/node';
import type { CaseStatus, DisputeType, IntakeChannel } from '../domain/case-types.ts';
import { chinaDateOf } from '../domain/china-time.ts';
import type { Performance } from '../domain/follow-up.ts';
import type { LedgerRow } from '../protocol/ledger.ts';

/** The spreadsheet is a document of the centre: in Chinese, as its printed ledger is. */
const CHANNEL: Record<IntakeChannel, string> = { resident_application: '群众申请', grid_report: '网格上报', court_referral: '法院委派', hotline: '热线转办', police: '警调对接', petition: '信访转办', enterprise: '企业报送' };
const DISPUTE: Record<DisputeType, string> = {
  neighbour: '邻里纠纷',
  family: '婚姻家庭纠纷',
  property_management: '物业纠纷',
  labour: '劳动争议',
  debt: '债务纠纷',
  land: '土地纠纷',
  consumer: '消费纠纷',
  traffic: '交通事故纠纷',
  other: '其他纠纷',
};
const STATUS: Record<CaseStatus, string> = {
  intake: '待受理',
  accepted: '已受理',
  scheduled: '已排期',
  in_session: '调解中',
  drafting: '起草协议',
  signing: '待签署',
  signed: '协议已签署',
  failed: '调解不成',
  confirmation_requested: '申请司法确认',
  confirmed: '已司法确认',
  rejected: '确认被驳回',
  closed: '已结案',
};
const CLOSE_REASON: Record<string, string> = { withdrawn: '申请人撤回', completed: '调解完成', failed: '调解不成', confirmed: '已司法确认', rejected: '司法确认被驳回', not_accepted: '未受理' };
const PERFORMANCE: Record<Performance, string> = { performed: '已履行', partly: '部分履行', not_performed: '未履行' };

export const LEDGER_HEADERS = ['案号', '案件名称', '来源渠道', '纠纷类型', '所属区域', '区划代码', '网格', '调解组织', '调解员', '案件状态', '受理日期', '协议生效日期', '结案原因', '结案说明', '回访日期', '履行情况', '满意评价'] as const;

function cells(row: LedgerRow): Row {
  return [
    row.caseNumber,
    row.title,
    CHANNEL[row.channel],
    DISPUTE[row.disputeType],
    row.areaName,
    // A code is text: as a number a spreadsheet would show 3.70785E+08.
    { value: row.areaCode, type: String },
    row.grid ?? null,
    row.orgName,
    row.mediatorName ?? null,
    STATUS[row.status],
    chinaDateOf(row.receivedAt),
    row.agreementEffectiveAt ? chinaDateOf(row.agreementEffectiveAt) : null,
    row.closedReason ? (CLOSE_REASON[row.closedReason] ?? row.closedReason) : null,
    row.closedNote ?? null,
    row.followUpDueDate ?? null,
    row.performance ? PERFORMANCE[row.performance] : null,
    row.surveysAnswered > 0 ? `满意 ${row.satisfied}/${row.surveysAnswered}` : null,
  ];
}

/** The filtered ledger as an .xlsx workbook: one header row (bold, kept in view), one row per case. */
export async function ledgerWorkbook(rows: readonly LedgerRow[]): Promise<Buffer> {
  const data: Row[] = [LEDGER_HEADERS.map((title) => ({ value: title, fontWeight: 'bold' as const })), ...rows.map(cells)];
  const widths = [22, 24, 10, 14, 24, 12, 10, 24, 10, 12, 12, 12, 12, 24, 12, 10, 12];
  return writeExcelFile(data, { sheet: '调解台账', stickyRowsCount: 1, columns: widths.map((width) => ({ width })) }).toBuffer();
}
