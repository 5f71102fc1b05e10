import type { baseZh } from './messages-base.ts';

export const baseEn: Record<keyof typeof baseZh, string> = {
  'app.title': 'Mediation Room',
  'app.tagline': "Online people's mediation: waiting room, private caucus, agreement signing and judicial confirmation",
  'lang.switch': '中文',
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
};
