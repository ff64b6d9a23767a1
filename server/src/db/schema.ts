export { jobs, scheduledRuns } from "../jobs/jobs.table";
export { orderApprovals } from "../modules/approvals/approvals.table";
export { auditLog } from "../modules/audit/audit.table";
export { sessions } from "../modules/auth/auth.table";
export { calendarTokens } from "../modules/calendar/calendar.table";
export { commentRevisions, comments } from "../modules/comments/comments.table";
export { customerCreditInsurance } from "../modules/credit/credit.table";
export {
  activities,
  contacts,
  customerSearchWords,
  customers,
  ownershipEvents,
  savedViews,
} from "../modules/customers/customers.table";
export { customerMatchCommonKeys, customerMatchKeys } from "../modules/dedupe/dedupe.table";
export { shipmentInvoices, workspaceLogos } from "../modules/documents/documents.table";
export { files } from "../modules/files/files.table";
export { fxRates } from "../modules/fx/fx.table";
export { imports } from "../modules/imports/imports.table";
export {
  stockLevels,
  stockMovements,
  stockReservations,
  warehouses,
} from "../modules/inventory/inventory.table";
export { meetings } from "../modules/meetings/meetings.table";
export { events } from "../modules/notifications/events.table";
export { notificationPreferences, notifications } from "../modules/notifications/notifications.table";
export { numberSeries } from "../modules/numbering/numbering.table";
export {
  orderEvents,
  orderInstalments,
  orderLines,
  orders,
  orderWatchers,
} from "../modules/orders/orders.table";
export { productImages, productPrices, products, productWatchers } from "../modules/products/products.table";
export { quotationLines, quotations } from "../modules/quotations/quotations.table";
export { paymentAllocations, payments } from "../modules/receivables/receivables.table";
export { salesMonthly, salesMonthlyByCountry, salesMonthlyByOwner } from "../modules/sales/sales.table";
export { shipmentLines, shipments } from "../modules/shipments/shipments.table";
export { tasks } from "../modules/tasks/tasks.table";
export { teams } from "../modules/teams/teams.table";
export { apiTokens } from "../modules/tokens/tokens.table";
export { users } from "../modules/users/users.table";
export { workspaces } from "../modules/workspaces/workspaces.table";
