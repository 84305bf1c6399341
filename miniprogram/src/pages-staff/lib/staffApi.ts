import type {
  AmendNoticeBody,
  AreaChildren,
  AreaDetail,
  CandidatesView,
  ClaimList,
  ComplexList,
  ConsultationConflicts,
  ConsultationList,
  ConsultationParticipation,
  ConsultationSettings,
  ConsultationTemplates,
  ConsultationView,
  CreateConsultationBody,
  CreateNoticeBody,
  MeResponse,
  NoticeDetail,
  NoticeFeed,
  NoticeObjectionList,
  NoticeReadStats,
  NoticeSettings,
  NoticeUpload,
  PledgeLedger,
  PledgeList,
  ProgressBody,
  ProjectList,
  RosterDwellingList,
  ProjectView,
  ProxyList,
  RankingView,
  RatingSummary,
  RosterImportList,
  RosterImportResult,
  BallotReceipt,
  BallotAnswer,
  ConsultationDeliveries,
  DeliveriesBody,
  UpdateConsultationBody,
} from '@gongzhi/shared';
import type { z } from 'zod';
import { api, newIdempotencyKey } from '../../services/api';
import { DASHBOARD_PAGE } from './dashboard';
import { uploadFile, type PickedFile } from './files';

// Views typed from the server's zod schemas; type-only imports keep zod out of the bundle.
type Out<T extends z.ZodType> = z.infer<T>;
export type Me = Out<typeof MeResponse>;
export type Area = Out<typeof AreaChildren>['items'][number];
export type Complex = Out<typeof ComplexList>['items'][number];
export type Consultation = Out<typeof ConsultationView>;
export type ConsultationItem = Out<typeof ConsultationList>['items'][number];
export type Participation = Out<typeof ConsultationParticipation>;
export type Template = Out<typeof ConsultationTemplates>['items'][number];
export type Conflict = Out<typeof ConsultationConflicts>['items'][number];
export type Receipt = Out<typeof BallotReceipt>;
export type Answer = Out<typeof BallotAnswer>;
export type Notice = Out<typeof NoticeDetail>;
export type NoticeItem = Out<typeof NoticeFeed>['items'][number];
export type ReadStats = Out<typeof NoticeReadStats>;
export type Objections = Out<typeof NoticeObjectionList>;
export type Claim = Out<typeof ClaimList>['items'][number];
export type Proxy = Out<typeof ProxyList>['items'][number];
export type RosterDwelling = Out<typeof RosterDwellingList>['items'][number];
export type ImportResult = Out<typeof RosterImportResult>;
export type ImportRecord = Out<typeof RosterImportList>['items'][number];
export type Project = Out<typeof ProjectView>;
export type Pledge = Out<typeof PledgeList>['pledges'][number];
export type Ledger = Out<typeof PledgeLedger>;
export type Ratings = Out<typeof RatingSummary>;
export type Ranking = Out<typeof RankingView>;
export type Candidates = Out<typeof CandidatesView>;
export type DeliveryMethod = NonNullable<Out<typeof DeliveriesBody>['method']>;

export const staffApi = {
  area: (code: string) => api.get<Out<typeof AreaDetail>>(`/api/areas/${code}`).then((r) => r.area),
  children: (code: string) => api.get<Out<typeof AreaChildren>>(`/api/areas/${code}/children`),
  complexes: (under?: string) => api.get<Out<typeof ComplexList>>('/api/complexes', { under }).then((r) => r.items),

  templates: () => api.get<Out<typeof ConsultationTemplates>>('/api/consultation-templates').then((r) => r.items),
  consultationSettings: () => api.get<Out<typeof ConsultationSettings>>('/api/consultation-settings'),
  consultations: (complexCode?: string) => api.get<Out<typeof ConsultationList>>('/api/consultations', { complexCode, limit: 100 }).then((r) => r.items),
  consultation: (id: string) => api.get<Consultation>(`/api/consultations/${id}`),
  createConsultation: (body: CreateConsultationBody, key: string) => api.post<Consultation>('/api/consultations', body, { idempotencyKey: key }),
  updateConsultation: (id: string, body: UpdateConsultationBody) => api.patch<Consultation>(`/api/consultations/${id}`, body),
  schedule: (id: string) => api.post<Consultation>(`/api/consultations/${id}/schedule`),
  deleteDraft: (id: string) => api.del<void>(`/api/consultations/${id}`),
  close: (id: string, reason?: string) => api.post<Consultation>(`/api/consultations/${id}/close`, reason ? { reason } : {}),
  participation: (id: string) => api.get<Participation>(`/api/consultations/${id}/participation`),
  deliveries: (id: string) => api.get<Out<typeof ConsultationDeliveries>>(`/api/consultations/${id}/deliveries`),
  recordDeliveries: (id: string, dwellingIds: string[], method: DeliveryMethod) =>
    api.post<{ count: number }>(`/api/consultations/${id}/deliveries`, { dwellingIds, method }),
  remind: (id: string, dwellingIds?: string[]) => api.post<{ count: number }>(`/api/consultations/${id}/reminders`, dwellingIds ? { dwellingIds } : {}),
  conflicts: (id: string) => api.get<Out<typeof ConsultationConflicts>>(`/api/consultations/${id}/conflicts`).then((r) => r.items),
  resolveConflict: (id: string, seq: number, keep: 'paper' | 'electronic', reason: string) =>
    api.post<{ seq: number; keep: string }>(`/api/consultations/${id}/conflicts/${seq}/resolve`, { keep, reason }),
  paperBallot: (id: string, dwellingId: string, answers: Answer[], photo: PickedFile, note?: string, key: string = newIdempotencyKey()) =>
    uploadFile<Receipt>(`/api/consultations/${id}/paper-ballots`, photo, {
      field: 'photo',
      idempotencyKey: key,
      formData: { dwellingId, answers: JSON.stringify(answers), ...(note ? { note } : {}) },
    }),

  claims: (complexCode: string) => api.get<Out<typeof ClaimList>>(`/api/complexes/${complexCode}/claims`, { status: 'pending' }).then((r) => r.items),
  decideClaim: (id: string, approve: boolean, reason?: string) => api.post(`/api/claims/${id}/decision`, { approve, ...(reason ? { reason } : {}) }),
  proxies: (complexCode: string) => api.get<Out<typeof ProxyList>>(`/api/complexes/${complexCode}/proxies`, { status: 'pending' }).then((r) => r.items),
  decideProxy: (id: string, approve: boolean, reason?: string) => api.post(`/api/proxies/${id}/decision`, { approve, ...(reason ? { reason } : {}) }),

  noticeSettings: () => api.get<Out<typeof NoticeSettings>>('/api/notices/settings'),
  managedNotices: () => api.get<Out<typeof NoticeFeed>>('/api/notices/managed', { limit: 50 }).then((r) => r.items),
  notice: (id: string) => api.get<Notice>(`/api/notices/${id}`),
  publishNotice: (body: CreateNoticeBody, key: string) => api.post<Notice>('/api/notices', body, { idempotencyKey: key }),
  uploadAttachment: (file: PickedFile, key: string = newIdempotencyKey()) =>
    uploadFile<Out<typeof NoticeUpload>>('/api/notices/attachments', file, { idempotencyKey: key }),
  amendNotice: (id: string, body: AmendNoticeBody) => api.post<Notice>(`/api/notices/${id}/amendments`, body),
  withdrawNotice: (id: string, reason: string, reasonBo?: string | null) =>
    api.post<Notice>(`/api/notices/${id}/withdrawal`, { reason, ...(reasonBo ? { reasonBo } : {}) }),
  noticeStats: (id: string) => api.get<ReadStats>(`/api/notices/${id}/stats`),
  noticeReminders: (id: string) => api.post<{ users: number }>(`/api/notices/${id}/reminders`),
  objections: (id: string) => api.get<Objections>(`/api/notices/${id}/objections`, { limit: 50 }),
  answerObjection: (id: string, objectionId: string, text: string, textBo?: string) =>
    api.post(`/api/notices/${id}/objections/${objectionId}/response`, { text, ...(textBo ? { textBo } : {}) }),
  closeObjection: (id: string, objectionId: string) => api.post(`/api/notices/${id}/objections/${objectionId}/close`),

  rosterDwellings: (complexCode: string) => api.get<Out<typeof RosterDwellingList>>(`/api/roster/${complexCode}/dwellings`),
  rosterImports: (complexCode: string) => api.get<Out<typeof RosterImportList>>(`/api/roster/${complexCode}/imports`).then((r) => r.items),
  importRoster: (complexCode: string, file: PickedFile, dryRun: boolean) =>
    uploadFile<ImportResult>(`/api/roster/${complexCode}/import`, file, { query: { dryRun: dryRun ? 'true' : 'false' }, idempotencyKey: newIdempotencyKey() }),

  projects: (q: { scope?: string; complexCode?: string } = {}) => api.get<Out<typeof ProjectList>>('/api/projects', q).then((r) => r.projects),
  project: (id: string) => api.get<Project>(`/api/projects/${id}`),
  pledges: (id: string) => api.get<Out<typeof PledgeList>>(`/api/projects/${id}/pledges`).then((r) => r.pledges),
  confirmPledge: (id: string) => api.post(`/api/pledges/${id}/confirm`, {}),
  fulfilPledge: (id: string) => api.post(`/api/pledges/${id}/fulfil`, {}),
  ledger: (id: string) => api.get<Ledger>(`/api/projects/${id}/ledger`),
  postProgress: (id: string, body: Out<typeof ProgressBody>) => api.post(`/api/projects/${id}/progress`, body),
  uploadProjectFile: (id: string, file: PickedFile, key: string = newIdempotencyKey()) =>
    uploadFile<{ files: { fileId: string }[] }>(`/api/projects/${id}/files`, file, { idempotencyKey: key }),
  ratings: (id: string) => api.get<Ratings>(`/api/projects/${id}/ratings/summary`),

  ranking: (scope: string) => api.get<Ranking>('/api/evaluation/ranking', { scope }),
  candidates: (scope: string) => api.get<Candidates>('/api/evaluation/candidates', { scope }),
};

// Dashboard: one request per page of complexes (officials read-only too).
export const dashboardApi = {
  page: (scope: string, stage = '', offset = 0) =>
    api.get<import('./dashboard').DashboardView>('/api/evaluation/dashboard', { scope, limit: DASHBOARD_PAGE, offset, ...(stage ? { stage } : {}) }),
};
