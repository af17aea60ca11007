import {
  notificationRoutes,
  type Notification,
  type NotificationTemplate,
  type RenderedNotice,
  type RouteQuery,
  type RouteResponse,
  type SaveNotificationTemplateBody,
} from '@zhangyi/contracts';
import { call } from './client';

export type NotificationListQuery = RouteQuery<typeof notificationRoutes.list>;
export type NotificationPage = RouteResponse<typeof notificationRoutes.list>;
export type NotificationDetail = RouteResponse<typeof notificationRoutes.detail>;
export type NotificationAttempt = NotificationDetail['attempts'][number];
export type TestSendResult = RouteResponse<typeof notificationRoutes.testSend>;

/** Every notice kind with the hospital's template mapping, configured or not. */
export function listTemplates(): Promise<NotificationTemplate[]> {
  return call(notificationRoutes.templates);
}

/** Saves a kind's mapping; the server refuses placeholders the kind has no data for. */
export function saveTemplate(
  kind: string,
  body: SaveNotificationTemplateBody,
): Promise<NotificationTemplate> {
  return call(notificationRoutes.saveTemplate, { params: { kind }, body });
}

/** Renders an unsaved mapping with the kind's sample data, without saving or sending anything. */
export function previewTemplate(
  kind: string,
  body: SaveNotificationTemplateBody,
): Promise<RenderedNotice> {
  return call(notificationRoutes.preview, { params: { kind }, body });
}

/**
 * Sends the kind's saved template with sample data to one WeChat user now. WeChat's refusal is
 * an answer (`ok: false` with errcode and message), not an ApiError.
 */
export function testSendTemplate(kind: string, openid: string): Promise<TestSendResult> {
  return call(notificationRoutes.testSend, { params: { kind }, body: { openid } });
}

/** One page of the notification log, newest first. */
export function listNotifications(query: NotificationListQuery): Promise<NotificationPage> {
  return call(notificationRoutes.list, { query });
}

/** One notice with its data and every send attempt. */
export function fetchNotification(id: string): Promise<NotificationDetail> {
  return call(notificationRoutes.detail, { params: { id } });
}

/** Queues a failed or dead notice again; anything else answers NOTIFICATION_NOT_RETRYABLE. */
export function retryNotification(id: string): Promise<Notification> {
  return call(notificationRoutes.retry, { params: { id } });
}
