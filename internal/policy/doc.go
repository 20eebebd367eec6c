// Package policy decides who may do what. It is the only place in Heard that
// makes access decisions: pure functions over domain values, deny by default,
// no database and no HTTP. The app loads an actor's relations to a person and
// asks; handlers and templates never decide.
//
// Two refusals, used consistently: heard.ErrNotFound when the actor has no
// relation to the person (they may not know the person exists), and
// heard.ErrForbidden when the actor can see the person but not do this.
package policy
