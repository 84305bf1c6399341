import { api } from './api';

/*
 * What the placeholder screens read. The server's zod schemas (shared/src/schemas) are still being written;
 * once they land, replace these with the inferred types from `@gongzhi/shared`.
 */
export interface ConsultationSummary {
  id: string;
  title: string;
  status: 'draft' | 'open' | 'closed' | string;
  closesAt?: string;
  participantCount?: number;
  areaName?: string;
}

export interface ProjectSummary {
  id: string;
  title: string;
  progressPercent?: number;
  budgetFen?: number;
  areaName?: string;
  status?: string;
}

export interface Page<T> {
  items: T[];
  total?: number;
}

/** Accepts either a bare array or `{ items }` so the screens keep working while the server settles its shape. */
function items<T>(res: T[] | Page<T>): T[] {
  return Array.isArray(res) ? res : res?.items ?? [];
}

export const fetchConsultations = async (query?: { status?: string; limit?: number }) =>
  items(await api.get<ConsultationSummary[] | Page<ConsultationSummary>>('/api/consultations', query));

export const fetchProjects = async (query?: { limit?: number }) =>
  items(await api.get<ProjectSummary[] | Page<ProjectSummary>>('/api/projects', query));
