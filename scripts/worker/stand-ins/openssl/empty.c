/* Intentionally empty: placeholder object for a stand-in static library. */
typedef int mediation_room_stand_in_placeholder;
