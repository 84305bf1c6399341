import { api, newIdempotencyKey } from './api';
import type {
  AreaChildrenView,
  Claim,
  ClaimInput,
  Complex,
  Consultation,
  ElevatorShares,
  Ledger,
  LiveTally,
  Me,
  MyBallotList,
  NoticeFull,
  NoticePage,
  NoticeVersions,
  Objection,
  Objections,
  Pledge,
  PledgeInput,
  Progress,
  Project,
  RatingInput,
  Ratings,
  ReadReceipt,
  Receipt,
  ReceiptCheck,
  Rooms,
  Answer,
  MyProxiesView,
  ProxyItem,
  UploadedPhoto,
  UploadedPhotos,
  HouseholdMemberView,
} from './types';
import { uploadPhoto, type PickedPhoto } from './uploads';

/** Every call the resident screens make, one line each; paths and shapes follow the server's OpenAPI document. */
const enc = encodeURIComponent;

// ---- me, dwellings, claims ----
export const fetchMe = () => api.get<Me>('/api/me');
export const patchMe = (body: { lang?: 'zh' | 'bo'; subscribeNotices?: boolean; displayName?: string }) => api.patch<Me>('/api/me', body);
export const fetchComplexes = async () => (await api.get<{ items: Complex[] }>('/api/complexes')).items;
export const fetchChildren = (code: string) => api.get<AreaChildrenView>(`/api/areas/${enc(code)}/children`);
export const fetchRooms = (entranceCode: string) => api.get<Rooms>(`/api/areas/${enc(entranceCode)}/rooms`);
export const submitClaim = (body: ClaimInput, key: string = newIdempotencyKey()) => api.post<Claim>('/api/claims', body, { idempotencyKey: key });
export const revokeBinding = (id: string, reason: string) => api.post(`/api/bindings/${enc(id)}/revoke`, { reason });

// ---- notices ----
export const fetchNotices = (cursor?: string | null, limit = 20) => api.get<NoticePage>('/api/notices', { limit, cursor: cursor ?? undefined });
export const fetchNotice = (id: string) => api.get<NoticeFull>(`/api/notices/${enc(id)}`);
export const fetchNoticeVersions = (id: string) => api.get<NoticeVersions>(`/api/notices/${enc(id)}/versions`);
export const markNoticeRead = (id: string) => api.post<ReadReceipt>(`/api/notices/${enc(id)}/read`);
export const fetchObjections = (id: string) => api.get<Objections>(`/api/notices/${enc(id)}/objections`);
export const submitObjection = (id: string, text: string, key: string, photoIds: string[] = []) =>
  api.post<Objection>(`/api/notices/${enc(id)}/objections`, photoIds.length ? { text, photoIds } : { text }, { idempotencyKey: key });
export const uploadObjectionPhoto = async (id: string, photo: PickedPhoto) =>
  (await uploadPhoto<UploadedPhoto>(`/api/notices/${enc(id)}/objection-photos`, photo)).fileId;
export const fetchNoticeRooms = async () => (await api.get<{ rooms: string[] }>('/api/notices/rooms')).rooms;

// ---- consultations ----
export const fetchConsultation = (id: string) => api.get<Consultation>(`/api/consultations/${enc(id)}`);
export const fetchTally = (id: string) => api.get<LiveTally>(`/api/consultations/${enc(id)}/tally`);
export const fetchMyBallots = (id: string) => api.get<MyBallotList>(`/api/consultations/${enc(id)}/my-ballots`);
/** `key` is made once per confirmed choice and reused on retry, so a resent vote is counted once. */
export const castBallot = (id: string, dwellingId: string, answers: Answer[], key: string = newIdempotencyKey()) =>
  api.post<Receipt>(`/api/consultations/${enc(id)}/ballots`, { dwellingId, answers }, { idempotencyKey: key });
export const verifyReceipt = (id: string, code: string) => api.get<ReceiptCheck>(`/api/consultations/${enc(id)}/receipts/${enc(code)}`);

// ---- projects, pledges, ratings ----
export const fetchProject = (id: string) => api.get<Project>(`/api/projects/${enc(id)}`);
export const fetchProgress = async (id: string) => (await api.get<{ updates: Progress[] }>(`/api/projects/${enc(id)}/progress`)).updates;
export const fetchMyPledges = async (id: string) => (await api.get<{ pledges: Pledge[] }>(`/api/projects/${enc(id)}/pledges`)).pledges;
export const createPledge = (id: string, body: PledgeInput, key: string) => api.post<Pledge>(`/api/projects/${enc(id)}/pledges`, body, { idempotencyKey: key });
export const cancelPledge = (pledgeId: string, reason: string) => api.post<Pledge>(`/api/pledges/${enc(pledgeId)}/cancel`, { reason });
export const fetchLedger = (id: string) => api.get<Ledger>(`/api/projects/${enc(id)}/ledger`);
export const fetchMyRatings = (id: string) => api.get<Ratings>(`/api/projects/${enc(id)}/ratings/mine`);
export const saveRating = (id: string, body: RatingInput, key: string = newIdempotencyKey()) =>
  api.put(`/api/projects/${enc(id)}/ratings`, body, { idempotencyKey: key });
export const uploadRatingPhoto = async (id: string, photo: PickedPhoto) =>
  (await uploadPhoto<UploadedPhotos>(`/api/projects/${enc(id)}/ratings/photos`, photo)).files[0].fileId;
export const fetchMyElevatorShares = (id: string) => api.get<ElevatorShares>(`/api/projects/${enc(id)}/elevators/mine`);

// ---- written entrustments (委托书) ----
export const fetchMyProxies = () => api.get<MyProxiesView>('/api/me/proxies');
/** Family members and tenants of a dwelling I own: whom I can name as proxy with one tap. */
export const fetchHousehold = async (dwellingId: string) =>
  (await api.get<{ members: HouseholdMemberView[] }>(`/api/dwellings/${enc(dwellingId)}/household`)).members;
/** One multipart request: the fields and the photo (or PDF) of the signed entrustment. */
export const registerProxy = (body: { dwellingId: string; proxyUserId: string; note?: string }, document: PickedPhoto) =>
  uploadPhoto<ProxyItem>('/api/proxies', document, { dwellingId: body.dwellingId, proxyUserId: body.proxyUserId, ...(body.note ? { note: body.note } : {}) });
export const revokeProxy = (id: string, reason: string) => api.post<ProxyItem>(`/api/proxies/${enc(id)}/revoke`, { reason });
