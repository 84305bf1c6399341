import type { ConsultationList, ConsultationListQuery, ProjectList, ProjectListQuery } from '@gongzhi/shared';
import type { z } from 'zod';
import { api } from './api';

// Response types come from the server's zod schemas in @gongzhi/shared. Type-only on purpose: a runtime import
// of the package index pulls zod and every schema into the bundle (+133 KB in the weapp main package).
export type ConsultationSummary = z.infer<typeof ConsultationList>['items'][number];
export type ProjectView = z.infer<typeof ProjectList>['projects'][number];

export const fetchConsultations = async (query?: Partial<z.infer<typeof ConsultationListQuery>>) =>
  (await api.get<z.infer<typeof ConsultationList>>('/api/consultations', query)).items;

export const fetchProjects = async (query?: Partial<z.infer<typeof ProjectListQuery>>) =>
  (await api.get<z.infer<typeof ProjectList>>('/api/projects', query)).projects;

/** Share of the planned work done: the mean of the items' percentages (0 before items exist). */
export function projectProgress(p: ProjectView): number {
  if (!p.items.length) return 0;
  const sum = p.items.reduce((acc, item) => acc + Math.max(0, Math.min(100, item.percent)), 0);
  return Math.round(sum / p.items.length);
}
