import { stripControlChars } from '@gongzhi/shared';
import sanitizeHtml from 'sanitize-html';
import type { AuthUser } from '../platform/http/route';
import { attachFiles } from '../platform/fileRefs';
import { unprocessable } from '../platform/errors';
import type { NoticeAttachmentDoc } from './model';

/**
 * The rich-text subset a notice body may use. Rendered by the mini-program's rich-text component, so no
 * scripts, styles, images (attachments carry pictures) or event handlers; links only to http(s).
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'blockquote',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'span',
  ],
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
  return stripControlChars(s).trim();
}

/**
 * Turns uploaded file ids into attachment records through the platform's one file seam: only files the caller
 * uploaded for this purpose and not shown elsewhere, or ones the notice being edited already shows.
 */
export async function ownedUploads(
  user: AuthUser,
  ids: string[] | undefined,
  purpose: 'notice_attachment' | 'objection_photo',
  object: string,
  shown: string[] = [],
): Promise<NoticeAttachmentDoc[]> {
  const files = await attachFiles(user, { purposes: [purpose], object, shown, code: 'ATTACHMENT_NOT_FOUND' }, ids);
  return files.map((f) => ({ fileId: f.fileId, filename: f.filename, contentType: f.contentType, size: f.size }));
}
