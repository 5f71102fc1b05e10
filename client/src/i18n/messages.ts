import { agreementEn, agreementZh } from './messages-agreement.ts';
import { applicationEn, applicationZh } from './messages-application.ts';
import { confirmationEn, confirmationZh } from './messages-confirmation.ts';
import { dashboardEn, dashboardZh } from './messages-dashboard.ts';
import { outcomeEn, outcomeZh } from './messages-outcome.ts';
import { casesEn, casesZh } from './messages-cases.ts';
import { joinEn, joinZh } from './messages-join.ts';
import { roomEn, roomZh } from './messages-room.ts';
import { sessionEndEn, sessionEndZh } from './messages-session-end.ts';
import { staffEn, staffZh } from './messages-staff.ts';

/**
 * UI text. Simplified Chinese is the default; English mirrors every key (the type enforces it).
 * Features with many texts keep them in their own messages-*.ts pair, merged here.
 */
const baseZh = {
  'app.title': '云调解室',
  'app.tagline': '在线人民调解：候场、背对背调解、协议签署与司法确认',
  'lang.switch': 'English',
  'home.devRoom': '进入开发测试通话页',
  'home.devRoomNote': '仅供开发测试：凭房间号进入，无需身份验证。',
  'dev.title': '开发测试通话',
  'dev.roomId': '房间号',
  'dev.displayName': '您的称呼',
  'dev.join': '加入通话',
  'dev.leave': '离开',
  'dev.joining': '正在连接…',
  'dev.you': '我',
  'dev.waitingOthers': '等待其他参与人加入…',
  'call.muteMic': '关闭麦克风',
  'call.unmuteMic': '打开麦克风',
  'call.cameraOff': '关闭摄像头',
  'call.cameraOn': '打开摄像头',
  'call.micMuted': '已静音',
  'call.cameraPaused': '摄像头已关闭',
  'call.failed': '连接失败：',
  'error.disabled': '此服务器未开放开发测试通话。',
} as const;

export const zhCN = { ...baseZh, ...staffZh, ...casesZh, ...joinZh, ...roomZh, ...agreementZh, ...outcomeZh, ...confirmationZh, ...dashboardZh, ...sessionEndZh, ...applicationZh };

export type MessageKey = keyof typeof zhCN;

export const en: Record<MessageKey, string> = {
  ...staffEn,
  ...casesEn,
  ...joinEn,
  ...roomEn,
  ...agreementEn,
  ...outcomeEn,
  ...confirmationEn,
  ...dashboardEn,
  ...sessionEndEn,
  ...applicationEn,
  'app.title': 'Mediation Room',
  'app.tagline': "Online people's mediation: waiting room, private caucus, agreement signing and judicial confirmation",
  'lang.switch': '中文',
  'home.devRoom': 'Open the development call page',
  'home.devRoomNote': 'For development only: join by room id, without identity checks.',
  'dev.title': 'Development call',
  'dev.roomId': 'Room id',
  'dev.displayName': 'Your name',
  'dev.join': 'Join call',
  'dev.leave': 'Leave',
  'dev.joining': 'Connecting…',
  'dev.you': 'Me',
  'dev.waitingOthers': 'Waiting for others to join…',
  'call.muteMic': 'Mute microphone',
  'call.unmuteMic': 'Unmute microphone',
  'call.cameraOff': 'Turn camera off',
  'call.cameraOn': 'Turn camera on',
  'call.micMuted': 'Muted',
  'call.cameraPaused': 'Camera off',
  'call.failed': 'Connection failed: ',
  'error.disabled': 'The development call page is not enabled on this server.',
};
