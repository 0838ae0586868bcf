// The HTTP API: createApp(deps) builds it, serve() listens.
export { createApp, renderError, type AppDeps, type RouteDeps } from './app.js'
export { API_ERRORS, ApiError, type ApiErrorCode, type ErrorBody } from './errors.js'
export { serve, type Listening, type ServeOptions } from './serve.js'
