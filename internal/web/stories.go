package web

import (
	"net/http"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

// storiesView is the story pool as leaders and researchers read it, with
// the filter that narrowed it.
type storiesView struct {
	page
	Stories []heard.Story
	Filter  app.StoryFilter
}

// Kinds lists the story kinds for the filter.
func (storiesView) Kinds() []heard.StoryKind { return heard.StoryKinds }

func (h *Handler) showStories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := app.StoryFilter{Kind: heard.StoryKind(q.Get("kind")), From: q.Get("from"), To: q.Get("to")}
	v := storiesView{page: h.page(r, "stories.title"), Filter: f}
	stories, err := h.app.Stories(r.Context(), actor(r), f)
	switch {
	case err == nil:
		v.Stories = stories
		h.render(w, r, http.StatusOK, "stories", v)
	case heard.ErrorCode(err) == heard.CodeInvalid:
		v.Problems = problems(v.L, err)
		h.render(w, r, http.StatusUnprocessableEntity, "stories", v)
	default:
		h.fail(w, r, err)
	}
}
