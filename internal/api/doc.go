// Package api is Heard's JSON surface under /api/v1, described by the
// OpenAPI document it serves (openapi.json, kept in step with the routes by
// a test). Handlers decode, call package app and encode; errors are
// {"error": {"code", "message"}} with stable codes. It never imports a
// storage package.
package api
