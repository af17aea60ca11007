import { notificationRoutes, type RouteResponse } from '@zhangyi/contracts';
import { call } from './client';

export type JobSummary = RouteResponse<typeof notificationRoutes.jobs>[number];
export type JobRun = RouteResponse<typeof notificationRoutes.jobRuns>[number];

/** The scheduled jobs with their last run and next tick. */
export function listJobs(): Promise<JobSummary[]> {
  return call(notificationRoutes.jobs);
}

/** Recent runs of one job, newest first. */
export function listJobRuns(name: string): Promise<JobRun[]> {
  return call(notificationRoutes.jobRuns, { params: { name } });
}
