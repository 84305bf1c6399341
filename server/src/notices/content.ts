import sanitizeHtml from 'sanitize-html';
import mongoose from 'mongoose';
import { ObjectId } from 'mongodb';
import { unprocessable } from '../platform/errors';
import type { NoticeAttachmentDoc } from './model';

/**
 * The rich-text subset a notice body may use. Rendered by the mini-program's rich-text component, so no
 * scripts, styles, images (attachments carry pictures) or event handlers; links only to http(s).
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'a',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span'],
  allowedAttributes: { a: ['href', 'rel', 'target'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
};

/** Sanitizes a body; a body that is empty after sanitizing is refused (it held nothing but markup). */
export function sanitizeBody(html: string, field = 'body'): string {
  const clean = sanitizeHtml(html, OPTIONS).trim();
  if (!clean || !sanitizeHtml(clean, { allowedTags: [], allowedAttributes: {} }).trim()) {
    throw unprocessable('NOTICE_BODY_EMPTY', '正文清理后为空，请填写文字内容', { field });
  }
  return clean;
}

/** Plain text (titles, objections, answers): control characters out, whitespace trimmed. */
export function plainText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}

/**
 * Turns uploaded file ids into attachment records. Only files the caller uploaded for this purpose qualify,
 * so nobody can attach someone else's upload by guessing its id.
 */
export async function ownedUploads(ids: string[] | undefined, ownerId: string, purpose: string): Promise<NoticeAttachmentDoc[]> {
  if (!ids || ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const db = mongoose.connection.db!;
  const files = await db.collection('files.files').find({ _id: { $in: unique.map((i) => new ObjectId(i)) } }).toArray();
  const byId = new Map(files.map((f: any) => [String(f._id), f]));
  const missing = unique.filter((id) => {
    const f: any = byId.get(id);
    return !f || f.metadata?.ownerId !== ownerId || f.metadata?.purpose !== purpose;
  });
  if (missing.length > 0) throw unprocessable('ATTACHMENT_NOT_FOUND', '附件不存在或不是您上传的，请重新上传', { fileIds: missing });
  return unique.map((id) => {
    const f: any = byId.get(id);
    return { fileId: id, filename: f.filename, contentType: f.metadata?.contentType ?? 'application/octet-stream', size: f.length };
  });
}
