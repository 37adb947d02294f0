// Files served through the API (the bucket holds only ciphertext): tokens minted by routes that checked the caller.
import type { FastifyInstance } from 'fastify';
import { mintFileToken } from './tokens';

export { fileRoutes } from './routes';
export { checkFileToken, FILE_TOKEN_SECONDS, mintFileToken } from './tokens';

/**
 * The address a client loads a report photo or video from, valid for FILE_TOKEN_SECONDS; same origin as the API.
 * With the viewer (the staff member the detail is for), opening a video is audited under their name.
 */
export function reportFileUrl(app: FastifyInstance, attachment: { id: string; reportId: string }, viewer?: { id: string }): string {
  const grant = { attachmentId: attachment.id, reportId: attachment.reportId, ...(viewer ? { viewerId: viewer.id } : {}) };
  return `/api/files/${mintFileToken(app.sealer, grant, app.clock.now())}`;
}
