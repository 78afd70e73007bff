import { ViewContext } from "./viewContext";
import { showActions } from "./views/actions";
import { showAttendance } from "./views/attendance";
import { showNextMeeting } from "./views/nextMeeting";
import { showPapers } from "./views/papers";
import { showRollCall } from "./views/rollCall";
import { showSignOffs } from "./views/signOffs";

export interface ViewSpec {
  id: string;
  title: string;
  show(context: ViewContext): Promise<void>;
}

export const VIEWS: ViewSpec[] = [
  { id: "next", title: "Next meeting", show: showNextMeeting },
  { id: "rollcall", title: "Roll call", show: showRollCall },
  { id: "actions", title: "Actions", show: showActions },
  { id: "signoffs", title: "Sign-offs", show: showSignOffs },
  { id: "attendance", title: "Attendance", show: showAttendance },
  { id: "papers", title: "Papers", show: showPapers },
];
