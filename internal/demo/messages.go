package demo

import (
	"context"
	"time"

	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
)

// messages gives the demo's units their reply hours and crisis notes, and
// threads with believable times: Ada writing late at night and Mari
// answering the next morning, her mother writing with the team, Brage
// moving a meeting, Daniel's message that nobody read and that waits in
// the team's shared inbox, and Cecilie's message from a moment ago.
func messages(ctx context.Context, a *app.Service, t text, sys heard.Actor, ward, team heard.Unit, pros []heard.Account, ps []demoPerson, nets []heard.Account, now time.Time) error {
	if err := a.SetUnitMessaging(ctx, sys, ward.ID, heard.ReplyHours{Days: []time.Weekday{0, 1, 2, 3, 4, 5, 6}, From: 8 * 60, To: 20 * 60, EscalateAfter: 180},
		t["unit.ward.crisis"]); err != nil {
		return err
	}
	if err := a.SetUnitMessaging(ctx, sys, team.ID, heard.DefaultReplyHours, t["unit.team.crisis"]); err != nil {
		return err
	}
	ada, brage, cecilie, daniel := ps[0], ps[1], ps[2], ps[3]
	adaActor, mari, liv := actorOf(ada.Account, ada.ID), actorOf(pros[0], ""), actorOf(nets[0], "")
	at := func(daysAgo, hour, minute int) *app.Service {
		d := now.AddDate(0, 0, -daysAgo)
		return a.At(time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, time.Local))
	}
	// A conversation: who writes or reads, when, and what.
	type step struct {
		svc   *app.Service
		who   heard.Actor
		text  string // "" opens the thread (a read)
		start bool
	}
	converse := func(person heard.PersonID, unit heard.UnitID, subject string, steps []step) error {
		var th heard.Thread
		for _, s := range steps {
			var err error
			switch {
			case s.start:
				th, err = s.svc.StartThread(ctx, s.who, person, app.NewThread{UnitID: unit, Subject: subject, Body: s.text})
			case s.text == "":
				_, err = s.svc.Thread(ctx, s.who, person, th.ID)
			default:
				_, err = s.svc.Reply(ctx, s.who, person, th.ID, s.text)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	if err := converse(ada.ID, ward.ID, t["msg.sleep"], []step{
		{at(9, 21, 40), adaActor, t["msg.sleep.1"], true},
		{at(8, 8, 12), mari, "", false},
		{at(8, 8, 31), mari, t["msg.sleep.2"], false},
		{at(8, 12, 5), adaActor, t["msg.sleep.3"], false},
		{at(8, 13, 40), mari, "", false},
		{at(8, 13, 52), mari, t["msg.sleep.4"], false},
	}); err != nil {
		return err
	}
	if err := converse(ada.ID, ward.ID, t["msg.visit"], []step{
		{at(4, 17, 10), liv, t["msg.visit.1"], true},
		{at(3, 8, 5), mari, "", false},
		{at(3, 9, 30), mari, t["msg.visit.2"], false},
	}); err != nil {
		return err
	}
	if err := converse(ada.ID, ward.ID, t["msg.holiday"], []step{
		{at(2, 10, 5), adaActor, t["msg.holiday.1"], true},
		{at(2, 10, 40), mari, "", false},
		{at(2, 14, 20), mari, t["msg.holiday.2"], false},
	}); err != nil {
		return err
	}
	jonas := actorOf(pros[1], "")
	if err := converse(brage.ID, ward.ID, t["msg.thursday"], []step{
		{at(6, 9, 15), actorOf(brage.Account, brage.ID), t["msg.thursday.1"], true},
		{at(6, 9, 50), jonas, "", false},
		{at(6, 10, 20), jonas, t["msg.thursday.2"], false},
	}); err != nil {
		return err
	}
	// Nobody read Daniel's message: it waits in the team's shared inbox.
	if err := converse(daniel.ID, team.ID, t["msg.letter"], []step{
		{at(6, 9, 40), actorOf(daniel.Account, daniel.ID), t["msg.letter.1"], true},
	}); err != nil {
		return err
	}
	return converse(cecilie.ID, team.ID, t["msg.phone"], []step{
		{a.At(now.Add(-40 * time.Minute)), actorOf(cecilie.Account, cecilie.ID), t["msg.phone.1"], true},
	})
}
