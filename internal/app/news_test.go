package app

import (
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// What others wrote since a reader's last visit is new to them: a decision
// recorded about her, on her home with its title; her comment, on her
// professional's home and as a mark on the caseload. Nobody's own writes
// are news to them, and a professional hears nothing of persons outside
// their care.
func TestService_NewSinceLastVisit(t *testing.T) {
	w := newWorld(t)
	head := func() int64 {
		t.Helper()
		var h heard.AccessHead
		if err := w.st.Read(ctx, func(tx store.Tx) error {
			var err error
			h, err = tx.AccessHead(ctx)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return h.Seq
	}
	ada, mari := w.person1, w.pro
	ada.SinceSeq, mari.SinceSeq = head(), head()
	if h := must(w.app.PersonHome(ctx, ada)); len(h.News) != 0 {
		t.Errorf("nothing has happened, yet her home says %+v", h.News)
	}
	d := must(w.app.CreateDecision(ctx, mari, w.p1, DecisionInput{OnTable: "Medication dose", Preference: "Lower it"}))
	must(w.app.CommentDecision(ctx, ada, w.p1, d.ID, "I still want to lower it.", 0))
	must(w.app.CreateDecision(ctx, w.pro2, w.p2, DecisionInput{OnTable: "Someone else's decision"}))

	news := must(w.app.PersonHome(ctx, ada)).News
	if len(news) != 1 || news[0].Action != heard.ActionWriteDecision || !news[0].Created || news[0].Title != "Medication dose" ||
		news[0].RecordID != string(d.ID) || news[0].Who.Name != mari.Name || news[0].Who.Her {
		t.Errorf("her news = %+v; want Mari's new decision only", news)
	}
	cl := must(w.app.Caseload(ctx, mari))
	if len(cl.News) != 1 || cl.News[0].Action != heard.ActionCommentDecision || !cl.News[0].Who.Her || cl.News[0].Person.ID != w.p1 ||
		cl.News[0].Title != "" || len(cl.Entries) != 1 || cl.Entries[0].New != 1 {
		t.Errorf("Mari's news = %+v, caseload = %+v; want Ada's comment only, without its content", cl.News, cl.Entries)
	}

	ada.SinceSeq, mari.SinceSeq = head(), head()
	if h := must(w.app.PersonHome(ctx, ada)); len(h.News) != 0 {
		t.Errorf("after her visit, her home still says %+v", h.News)
	}

	// A meeting held without her is news as such, not as one with her; a
	// suggestion is not news at low capacity, where her plan shows none.
	must(w.app.CreateEncounter(ctx, mari, w.p1, EncounterInput{Start: w.clock.Now().Add(-time.Hour), Kind: heard.KindWithoutPerson,
		Participants: []heard.Participant{{Name: "Team"}}, Present: heard.PresenceAbsent, AbsenceReason: "Team meeting"}))
	must(w.app.Suggest(ctx, mari, w.p1, SuggestionInput{Part: heard.PartCrisis, Fields: map[string]string{"practical": "Ask a neighbour about the cat"}}))
	news = must(w.app.PersonHome(ctx, ada)).News
	if len(news) != 2 || news[1].Action != heard.ActionWriteEncounter || !news[1].WithoutHer || !news[1].Past {
		t.Errorf("news of a meeting without her = %+v", news)
	}
	must(0, w.app.SetCapacity(ctx, ada, w.p1, heard.CapacityLow))
	if news = must(w.app.PersonHome(ctx, ada)).News; len(news) != 1 || news[0].Action != heard.ActionWriteEncounter {
		t.Errorf("at low capacity her news = %+v; want the meeting only", news)
	}
	ada.SinceSeq = head()
	if cl := must(w.app.Caseload(ctx, mari)); len(cl.News) != 0 || cl.Entries[0].New != 0 {
		t.Errorf("after Mari's visit, her home still says %+v", cl.News)
	}
	if cl := must(w.app.Caseload(ctx, w.pro2)); len(cl.News) != 0 {
		t.Errorf("a professional outside her care hears of her record: %+v", cl.News)
	}
}
