package request

import (
	"net/http"

	"github.com/heard-health/heard/internal/heard"
)

// PathID reads a typed ID from the path wildcard name. A malformed ID is
// simply not found: it cannot name a record.
func PathID[T ~string](r *http.Request, name string) (T, error) {
	id := r.PathValue(name)
	if !heard.ValidID(id) {
		return "", heard.ErrNotFound
	}
	return T(id), nil
}

// PathPart reads a plan part's key from the path wildcard "part"; an
// unknown part is not found.
func PathPart(r *http.Request) (heard.PlanPartKey, error) {
	key := heard.PlanPartKey(r.PathValue("part"))
	if !heard.ValidPart(key) {
		return "", heard.ErrNotFound
	}
	return key, nil
}
