export { createApp, DEFAULT_BODY_LIMIT, type AppOptions } from './create-app.js';
export type { ApiDeps } from './context.js';
export { loadDashboardAssets, DEFAULT_ASSETS_DIR, type DashboardAssets } from './dashboard-assets.js';
export { openReadModel } from './reads/open-read-model.js';
export { createKyselyReadModel } from './reads/kysely-read-model.js';
export type { ReadModel } from './reads/read-model.js';
export { buildMatrix, buildNetwork, buildTimeline, type MatrixCell } from './aggregate.js';
export { startServer, type RunningServer } from './start-server.js';
