import type { RoomSnapshot } from '@protocol';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import type { RoomController } from './room-controller.ts';
import { ParticipantList } from './ParticipantList.tsx';
import { RoomControls } from './RoomControls.tsx';
import { useRoomAction } from './use-room-action.ts';
import { WaitingList } from './WaitingList.tsx';

/** The host's side of the room (the mediator, or the judge in a hearing): the door, the people inside, the room itself. */
export function MediatorPanel({ snapshot, controller }: { snapshot: RoomSnapshot; controller: RoomController }) {
  const action = useRoomAction();
  return (
    <div className="mediator-panel" data-testid="mediator-panel">
      <WaitingList snapshot={snapshot} controller={controller} action={action} />
      <ParticipantList snapshot={snapshot} controller={controller} action={action} />
      <RoomControls snapshot={snapshot} controller={controller} action={action} />
      <ErrorNotice error={action.error} />
    </div>
  );
}
