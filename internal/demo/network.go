package demo

import (
	"context"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

// networkMeeting gives Ada a network meeting twelve days ago with every
// voice: agenda items from her and from Ove, her friend from the choir,
// before it; her reflection, Mari's and Ove's after it, side by side; the
// shared note, which Ada chose to show Ove; and Ove's feedback, shared
// with the professionals.
func networkMeeting(ctx context.Context, a *app.Service, t text, pros []heard.Account, ada demoPerson, ove heard.Account, now time.Time) error {
	d := now.AddDate(0, 0, -12)
	start := time.Date(d.Year(), d.Month(), d.Day(), 14, 0, 0, 0, time.Local)
	mari, adaActor, oveActor := actorOf(pros[0], ""), actorOf(ada.Account, ada.ID), actorOf(ove, "")
	in := app.EncounterInput{Start: start, Kind: heard.KindNetworkMeeting, Place: t["ada.network.place"], Invited: true,
		Participants: []heard.Participant{{Name: pros[0].Name, Role: t["role.nurse"]}}, Invitees: []heard.AccountID{ove.ID}}
	e, err := a.At(start.AddDate(0, 0, -6)).CreateEncounter(ctx, mari, ada.ID, in)
	if err != nil {
		return err
	}
	if _, err := a.At(start.AddDate(0, 0, -3)).AddAgendaItem(ctx, adaActor, ada.ID, e.ID, t["net.agenda.ada"]); err != nil {
		return err
	}
	if _, err := a.At(start.AddDate(0, 0, -1)).AddAgendaItem(ctx, oveActor, ada.ID, e.ID, t["net.agenda.ove"]); err != nil {
		return err
	}
	// Mari records that Ada came, and the shared note, after the meeting.
	in.Present, in.SharedNote, in.BaseVersion = heard.PresencePresent, t["net.note"], e.Version
	if _, err := a.At(start.Add(2*time.Hour)).UpdateEncounter(ctx, mari, ada.ID, e.ID, in); err != nil {
		return err
	}
	after := a.At(start.Add(3 * time.Hour))
	if _, err := after.SaveVoice(ctx, mari, ada.ID, e.ID, t["net.voice.mari"], 0); err != nil {
		return err
	}
	evening := a.At(start.Add(7 * time.Hour))
	if _, err := evening.SaveReflection(ctx, adaActor, ada.ID, e.ID, t["net.voice.ada"], 0); err != nil {
		return err
	}
	if err := evening.SetNoteSharing(ctx, adaActor, ada.ID, e.ID, []heard.AccountID{ove.ID}); err != nil {
		return err
	}
	nextDay := a.At(start.Add(20 * time.Hour))
	if _, err := nextDay.SaveVoice(ctx, oveActor, ada.ID, e.ID, t["net.voice.ove"], 0); err != nil {
		return err
	}
	_, err = nextDay.SaveFeedback(ctx, oveActor, ada.ID, e.ID, app.FeedbackInput{
		Answers: map[heard.FeedbackQuestion]int{heard.QuestionHeard: 5, heard.QuestionRespected: 5, heard.QuestionMattered: 4, heard.QuestionHope: 4},
		Helped:  t["net.feedback.ove"], Share: []heard.Share{heard.ShareProfessionals}})
	return err
}
