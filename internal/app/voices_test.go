package app

import (
	"errors"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

// A network meeting with every voice: she and the network member she
// invited add agenda items before it (a member not invited cannot); after
// it, each participant writes their own reflection and nobody edits
// another's; she chooses whether the member sees the shared note and the
// voices beside it; the member gives feedback with the same sharing choice.
func TestService_NetworkMeetingWithEveryVoice(t *testing.T) {
	w := newWorld(t)
	must(0, w.app.SetMemberScopes(ctx, w.person1, w.p1, w.link.ID, []heard.Scope{heard.ScopeMeetings}))
	other := w.account(t, "other@example.test", heard.RoleNetwork, "")
	must(w.app.LinkMember(ctx, w.sys, w.p1, other.AccountID, "friend", []heard.Scope{heard.ScopeMeetings}))
	start := w.clock.Now().Add(2 * time.Hour)
	e := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: start, Kind: heard.KindNetworkMeeting, Invited: true,
		Present: heard.PresencePresent, SharedNote: "Walks on Wednesdays.", Invitees: []heard.AccountID{w.net.AccountID}}))
	must(w.app.AddAgendaItem(ctx, w.person1, w.p1, e.ID, "How to help when I go quiet"))
	must(w.app.AddAgendaItem(ctx, w.net, w.p1, e.ID, "What to do if she does not answer"))
	if _, err := w.app.AddAgendaItem(ctx, other, w.p1, e.ID, "Me too"); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("a network member not invited adds to the agenda: %v", err)
	}
	if _, err := w.app.SaveVoice(ctx, w.net, w.p1, e.ID, "Too early", 0); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("a reflection before the meeting: %v", err)
	}

	w.clock.Advance(4 * time.Hour)
	must(w.app.SaveReflection(ctx, w.person1, w.p1, e.ID, "Easier with my sister there.", 0))
	must(w.app.SaveVoice(ctx, w.pro, w.p1, e.ID, "She said clearly what she needs.", 0))
	mine := must(w.app.SaveVoice(ctx, w.net, w.p1, e.ID, "I was listened to.", 0))
	if _, err := w.app.SaveVoice(ctx, w.net, w.p1, e.ID, "Written over from another tab", 0); err == nil {
		t.Error("a stale save of the member's voice went through")
	}
	if _, err := w.app.SaveVoice(ctx, w.person1, w.p1, e.ID, "Hers go in her reflection", 0); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("she writes a voice: %v", err)
	}
	must(w.app.SaveVoice(ctx, w.net, w.p1, e.ID, "I was listened to, and I know what to do now.", mine.Version))

	// Before she chooses, the member sees neither the note nor the others' voices.
	v := must(w.app.Encounter(ctx, w.net, w.p1, e.ID))
	if v.SeesSharedNote || v.Encounter.SharedNote != "" || v.Encounter.Reflection != "" || len(v.Voices) != 1 || v.Voices[0].Text != "I was listened to, and I know what to do now." {
		t.Errorf("the member before her choice: note %q, voices %+v", v.Encounter.SharedNote, v.Voices)
	}
	if len(v.Agenda) != 2 {
		t.Errorf("the member's agenda = %+v", v.Agenda)
	}
	if err := w.app.SetNoteSharing(ctx, w.pro, w.p1, e.ID, []heard.AccountID{w.net.AccountID}); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("her professional chooses for her: %v", err)
	}
	if err := w.app.SetNoteSharing(ctx, w.person1, w.p1, e.ID, []heard.AccountID{other.AccountID}); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("sharing with someone who was not there: %v", err)
	}
	must(0, w.app.SetNoteSharing(ctx, w.person1, w.p1, e.ID, []heard.AccountID{w.net.AccountID}))
	v = must(w.app.Encounter(ctx, w.net, w.p1, e.ID))
	if !v.SeesSharedNote || v.Encounter.SharedNote != "Walks on Wednesdays." || len(v.Voices) != 3 || v.Voices[0].Text != "Easier with my sister there." {
		t.Errorf("the member after her choice: note %q, voices %+v", v.Encounter.SharedNote, v.Voices)
	}
	if len(v.Encounter.NoteSharedWith) != 0 {
		t.Error("the member sees whom she shares the note with")
	}
	hers := must(w.app.Encounter(ctx, w.person1, w.p1, e.ID))
	if len(hers.Voices) != 2 || len(hers.NoteShare) != 1 || !hers.NoteShare[0].Shared {
		t.Errorf("her view: voices %+v, choice %+v", hers.Voices, hers.NoteShare)
	}
	if pro := must(w.app.Encounter(ctx, w.pro, w.p1, e.ID)); len(pro.Voices) != 2 || pro.Encounter.Reflection == "" || !pro.CanVoice || pro.CanShareNote {
		t.Errorf("her professional's view: %+v", pro.Voices)
	}

	must(w.app.SaveFeedback(ctx, w.net, w.p1, e.ID, FeedbackInput{Answers: map[heard.FeedbackQuestion]int{heard.QuestionHeard: 5},
		Helped: "Being asked what I noticed", Share: []heard.Share{heard.ShareProfessionals}}))
	shared := must(w.app.Encounter(ctx, w.pro, w.p1, e.ID)).SharedFeedback
	if len(shared) != 1 || shared[0].Author.Name != w.net.Name || shared[0].Feedback.Helped != "Being asked what I noticed" {
		t.Errorf("the member's feedback shared with the professional = %+v", shared)
	}
	if _, err := w.app.SaveFeedback(ctx, other, w.p1, e.ID, FeedbackInput{Answers: map[heard.FeedbackQuestion]int{heard.QuestionHeard: 1}}); err == nil {
		t.Error("a member who was not there gave feedback")
	}
}
