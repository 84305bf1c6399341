// Public surface of the notices domain: other domains import only from here (dependency-cruiser enforces it).
export { Notice } from './model';
export { publishSystemNotice } from './publish';
export { loadNotice } from './queries/load';
export { noticesByIds, objectionCounts } from './lookup';
export { NoticeObjection } from './records';
