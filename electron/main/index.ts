// Entry of the Electron main bundle. `createGlueApi` is core's (electron/core/app).
import { createGlueApi } from '../core/app';
import { startApp } from './app';

void startApp(createGlueApi);
