// Package web is Heard's HTML surface: server-rendered pages that work
// without JavaScript, in English and Norwegian bokmål. Handlers parse
// input, call package app and render a typed view or redirect; they hold no
// SQL and make no access decision. It never imports a storage package.
package web
