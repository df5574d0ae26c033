/**
 * Hotline tickets (12345工单): opened from a validated appeal, moved through 受理 → 派单 → 办理中
 * → 已答复 → 回访 → 办结 by operators, every transition recorded in the ticket's history and the
 * audit trail, and rated by the citizen after closing. Deadlines come from the SLA table
 * (config/hotline-sla.yaml) and the holiday calendar.
 */
import { createTicketChanges } from './changes';
import { createIntakeCommands } from './intakeCommands';
import { createRatingCommands } from './ratingCommands';
import type { HotlineConfig } from './settings';
import { createTicketViews } from './views';
import { createWorkflowCommands } from './workflowCommands';

/**
 * The one object the routes, the chat, the report and the dashboard use: the commands
 * (intakeCommands, ratingCommands, workflowCommands: each changes a ticket through changes.ts)
 * and the read-only views (views.ts).
 */
export function createHotlineService(config: HotlineConfig) {
  const views = createTicketViews(config);
  const changes = createTicketChanges(config);
  const intake = createIntakeCommands(config, changes, views);
  const rating = createRatingCommands(config, changes);
  const workflow = createWorkflowCommands(config, changes);

  return {
    config,

    categoryLabel: views.categoryLabel,
    urgencyLabel: views.urgencyLabel,

    // Citizens
    validate: intake.validate,
    openTicket: intake.openTicket,
    submitDraft: intake.submitDraft,
    openedReply: intake.openedReply,
    citizenTicketStatus: views.citizenTicketStatus,
    citizenTickets: views.citizenTickets,
    statusReply: views.statusReply,
    rateLatestClosedTicket: rating.rateLatestClosedTicket,
    handleRating: rating.handleRating,

    // Staff
    loadTicket: views.loadTicket,
    isOverdue: views.isOverdue,
    list: views.list,
    staffView: views.staffView,
    departmentView: views.departmentView,
    history: views.history,
    dispatch: workflow.dispatch,
    signFor: workflow.signFor,
    reply: workflow.reply,
    callback: workflow.callback,
    close: workflow.close,
    supervise: workflow.supervise,
    superviseOverdue: workflow.superviseOverdue,
    reopen: workflow.reopen,
    summary: views.summary,
  };
}

export type HotlineService = ReturnType<typeof createHotlineService>;
