export { startWebHost, type WebHost, type WebHostOptions } from './server';
export { TOKEN_HEADER } from './guard';
