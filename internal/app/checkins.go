package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// CheckInsView is her check-ins as a reader may see them: her own page, or
// her care team's view of how things go.
type CheckInsView struct {
	Person PersonView
	// CheckIns are oldest first.
	CheckIns []heard.CheckIn
	Schedule heard.CheckInSchedule
	Last     time.Time
	// Due: her schedule asks for a check-in now.
	Due bool
	// CanCheckIn and CanSetSchedule are hers alone.
	CanCheckIn     bool
	CanSetSchedule bool
}

// CheckIns returns her check-ins and schedule, to her and her care team;
// the read is in her access log.
func (s *Service) CheckIns(ctx context.Context, actor heard.Actor, id heard.PersonID) (CheckInsView, error) {
	var v CheckInsView
	err := s.personRead(ctx, actor, id, heard.ActionReadCheckIns, "", func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		now := s.now()
		pv, err := s.personView(ctx, tx, actor, p, g, rel)
		if err != nil {
			return err
		}
		v.Person = pv
		if v.CheckIns, err = tx.ListCheckIns(ctx, p.ID, time.Time{}); err != nil {
			return err
		}
		if v.Schedule, err = tx.CheckInSchedule(ctx, p.ID); err != nil {
			return err
		}
		if n := len(v.CheckIns); n > 0 {
			v.Last = v.CheckIns[n-1].Created
		}
		v.Due = v.Schedule.Due(v.Last, now)
		v.CanCheckIn = can(actor, heard.ActionCreateCheckIn, p, rel, now)
		v.CanSetSchedule = can(actor, heard.ActionSetCheckInSchedule, p, rel, now)
		return nil
	})
	return result(v, err)
}

// CheckInInput is one check-in as she gives it.
type CheckInInput struct {
	Answers map[heard.CheckInItem]int
	Better  string
}

// SaveCheckIn records her check-in.
func (s *Service) SaveCheckIn(ctx context.Context, actor heard.Actor, id heard.PersonID, in CheckInInput) (heard.CheckIn, error) {
	c := heard.CheckIn{ID: heard.NewID[heard.CheckInID](), Answers: in.Answers, Better: strings.TrimSpace(in.Better)}
	err := s.personTx(ctx, actor, id, heard.ActionCreateCheckIn, string(c.ID), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		c.PersonID, c.Created = p.ID, s.now()
		if err := c.Validate(); err != nil {
			return err
		}
		return tx.CreateCheckIn(ctx, c)
	})
	return result(c, err)
}

// SetCheckInSchedule records how often she wants to check in.
func (s *Service) SetCheckInSchedule(ctx context.Context, actor heard.Actor, id heard.PersonID, sched heard.CheckInSchedule) error {
	return s.personTx(ctx, actor, id, heard.ActionSetCheckInSchedule, string(sched), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		if !slices.Contains(heard.CheckInSchedules, sched) {
			return heard.Invalid([]heard.Problem{{Field: "schedule", Key: "checkin.schedule.invalid"}})
		}
		return tx.SetCheckInSchedule(ctx, p.ID, sched, s.now())
	})
}
