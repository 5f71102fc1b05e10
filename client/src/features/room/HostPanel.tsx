import type { RoomSnapshot } from '@protocol';
import { HearingRecordInRoom } from '../confirmation/HearingRecordInRoom.tsx';
import { MediatorPanel } from './MediatorPanel.tsx';
import './host-panel.css';
import { MinutesEditor } from './MinutesEditor.tsx';
import type { RoomController } from './room-controller.ts';
import { RoomAgreement } from './RoomAgreement.tsx';

export interface HostPanelProps {
  snapshot: RoomSnapshot;
  controller: RoomController;
}

/**
 * What the host runs the room with: the waiting list and participants, then the minutes and the
 * agreement (a mediation) or the hearing record (a judge's hearing). Only the staff room page
 * imports it, so none of it reaches a resident's phone.
 */
export function HostPanel({ snapshot, controller }: HostPanelProps) {
  return (
    <>
      <MediatorPanel snapshot={snapshot} controller={controller} />
      {snapshot.kind === 'hearing' ? (
        <HearingRecordInRoom snapshot={snapshot} />
      ) : (
        <>
          <MinutesEditor snapshot={snapshot} controller={controller} />
          <RoomAgreement caseId={snapshot.caseId} layout="staff" />
        </>
      )}
    </>
  );
}
