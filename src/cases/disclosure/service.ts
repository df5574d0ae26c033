/**
 * Disclosure requests (依申请公开) from receipt to reply, 《政府信息公开条例》Art. 29-39: filing
 * (chat, form, or registered by an officer), the officers' actions with their statutory limits,
 * the deadlines in working days, what the citizen sees, and a notice to the citizen's chat on
 * every change of status. Every change is an event on the request and an audit record, written
 * in the caller's transaction together with the notice.
 */
import type { WorkingDayCalendar } from '../../platform/calendar/workingDays';
import type { AgencyDirectory } from './agencies';
import { createCaseCommands } from './caseCommands';
import { createApply } from './changes';
import { createClockCommands } from './clockCommands';
import { createCorrectionCommands, DEFAULT_CORRECTION_MIN_WORKING_DAYS } from './correctionCommands';
import { createDeadlineView } from './deadlineView';
import { createIntakeCommands } from './intakeCommands';
import { createDisclosureViews } from './views';

export type DisclosureService = ReturnType<typeof createDisclosureService>;

/**
 * The one object the routes, the chat, the CLI and the sweeper use: the commands (intakeCommands,
 * correctionCommands, clockCommands, caseCommands: each changes a request through changes.ts) and
 * the read-only views (views.ts), over the same deadlines (deadlineView.ts).
 */
export function createDisclosureService(deps: {
  calendar: WorkingDayCalendar;
  agencies: AgencyDirectory;
  now?: () => Date;
  correctionMinWorkingDays?: number;
}) {
  const { calendar, agencies } = deps;
  const correctionMinWorkingDays = deps.correctionMinWorkingDays ?? DEFAULT_CORRECTION_MIN_WORKING_DAYS;
  const clock = deps.now ?? (() => new Date());
  const { deadlines, dueColumns } = createDeadlineView(calendar);
  const views = createDisclosureViews({ calendar, agencies, clock, deadlines });
  const context = { calendar, agencies, deadlines, dueColumns, views, apply: createApply({ deadlines, dueColumns }) };
  const intake = createIntakeCommands(context);
  const correction = createCorrectionCommands(context, correctionMinWorkingDays);
  const clockCommands = createClockCommands(context);
  const caseCommands = createCaseCommands(context, correction.closeAbandoned);

  return {
    calendar,
    agencies,
    deadlines,

    // Citizens
    submitApplication: intake.submitApplication,
    citizenStatus: views.citizenStatus,
    citizenRequests: views.citizenRequests,
    citizenCorrection: correction.citizenCorrection,

    // Officers
    registerApplication: intake.registerApplication,
    list: views.list,
    get: views.get,
    due: views.due,
    requestCorrection: correction.requestCorrection,
    receiveCorrection: correction.receiveCorrection,
    sweepLapsedCorrections: correction.sweepLapsedCorrections,
    extend: clockCommands.extend,
    pause: clockCommands.pause,
    resume: clockCommands.resume,
    consultationReceived: clockCommands.consultationReceived,
    setFee: clockCommands.setFee,
    feePaid: clockCommands.feePaid,
    transfer: caseCommands.transfer,
    setTopic: caseCommands.setTopic,
    reply: caseCommands.reply,
  };
}
