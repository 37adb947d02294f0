// The door of the scenes module: the signed QR scene of a place and the link it opens.
export { ensureScene, sceneLink } from './service';
