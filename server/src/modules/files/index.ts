// Files served through the API (the bucket holds only ciphertext): tokens minted by routes that checked the caller.
import type { FastifyInstance } from 'fastify';
import { mintFileToken } from './tokens';

export { fileRoutes } from './routes';
export { checkFileToken, FILE_TOKEN_SECONDS, mintFileToken } from './tokens';

/** The address a client loads a report photo from, valid for FILE_TOKEN_SECONDS; same origin as the API. */
export function reportFileUrl(app: FastifyInstance, attachment: { id: string; reportId: string }): string {
  return `/api/files/${mintFileToken(app.sealer, { attachmentId: attachment.id, reportId: attachment.reportId }, app.clock.now())}`;
}
