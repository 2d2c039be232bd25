// Notifications: to the customer through the channel the complaint came from, and to staff in the
// console. Each recipient's notice is a Notification row keyed so a retried job never sends twice.
import { z } from 'zod';
import { parserOf, type QueueDefinition } from '../../infra/queues.js';
import { SERVICE_CLOCKS } from '../domain/service-clocks.js';
import { jobId, RETRYING } from './job-payload.js';

export const CUSTOMER_NOTICES = ['customer.resolved', 'customer.follow_up', 'customer.reopened'] as const;
export const STAFF_NOTICES = ['staff.assigned', 'staff.escalated', 'staff.approval_needed', 'staff.resolution_decided', 'staff.clock_breached', 'staff.crisis_alert'] as const;
export type NoticeKind = (typeof CUSTOMER_NOTICES)[number] | (typeof STAFF_NOTICES)[number];

export const notificationPayloadSchema = z.object({
  kind: z.enum([...CUSTOMER_NOTICES, ...STAFF_NOTICES]),
  complaintId: z.uuid().optional(),
  crisisAlertId: z.uuid().optional(),
  clock: z.enum(SERVICE_CLOCKS).optional(),
  /** The ComplaintEvent that caused it (transition notices). */
  eventId: z.string().optional(),
});
export type NotificationPayload = z.infer<typeof notificationPayloadSchema>;

export const NOTIFICATIONS_QUEUE = 'complaint-notifications';
export const notificationsQueue: QueueDefinition<NotificationPayload> = {
  name: NOTIFICATIONS_QUEUE,
  defaultJobOptions: RETRYING,
  parse: parserOf(notificationPayloadSchema, NOTIFICATIONS_QUEUE),
};
export const notificationJobId = (...parts: Array<string | number>) => jobId('notify', ...parts);
