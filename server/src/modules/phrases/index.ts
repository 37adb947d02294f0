export { phraseRoutes } from './routes';
export { seedDemoPhrases } from './seed';
